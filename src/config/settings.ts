/**
 * Every setting schemagate takes, in one table: its CLI flag (which is also its config-file key),
 * its Action input, whether the config file may hold it, the check its values pass, its default and
 * its help. The CLI's parseArgs spec, `check --help`, the config file's keys and the Action's input
 * reading are derived from it, so the three surfaces cannot drift apart again (they did: an
 * `--image postgres:16=IMG` the CLI took was refused by the Action). __tests__/config/settings.test.ts
 * holds action.yml to it.
 */

import { DEFAULT_ENGINE, ENGINE_NAMES, ENGINES } from '../dialects/registry.js';
import { UsageError } from '../errors.js';
import { parseFailOn } from '../vocabulary/fail-on.js';
import { PROVIDER_NAMES } from '../vocabulary/provider-names.js';
import { TOOL_NAMES } from '../vocabulary/tool-names.js';
import type { Options } from './options.js';
import { parseLanes, parseRows, parseShard } from './options.js';
import { DRIFT_MODES, IRREVERSIBLE_MODES, oneOf, parseEngines, parseImages, parseTimeout } from './values.js';

export interface Setting {
  /** The CLI's long flag, without `--`; also the config file's key. */
  flag: string;
  /** The Options field it fills; null for what only steers the parsing (--cwd's folder is `cwd`). */
  option: keyof Options | null;
  /** `list` flags repeat (`--engine a --engine b`) and also take `a,b`. */
  type: 'string' | 'list' | 'boolean';
  /** The Action's input, or null when the Action has none. */
  input: string | null;
  /** Whether schemagate.config.json/.yml may hold it (under `flag`). */
  config: boolean;
  /**
   * Whether the Action takes it from the config file when it has no input or the input is empty.
   * False for what a shared config file may hold but the Action decides itself (its report paths,
   * its log level) and for the URL, which must be masked before the file is read.
   */
  actionFromFile: boolean;
  /** Checks a string setting's value; `where` names the flag, input or config key it came from. */
  check?: (text: string, where: string) => unknown;
  /** Checks a list setting's values, all at once. */
  checkList?: (values: string[], where: string) => unknown;
  /** The value when nothing sets it (string settings); --help shows it. */
  default?: string;
  /** --help: the value's placeholder and the description (more than one line when long). */
  help: { arg?: string; text: string[] };
}

const oneOfThese =
  <T extends string>(allowed: readonly T[]) =>
  (text: string, where: string) =>
    oneOf(text, allowed, where);

/**
 * A row of the table. Left out means the common case: no Action input, a config-file key, and the
 * Action takes it from the config file.
 */
type Entry = Omit<Setting, 'input' | 'config' | 'actionFromFile'> & Partial<Setting>;

/** In the order --help lists them. */
export const SETTINGS: readonly Setting[] = (
  [
    {
      flag: 'cwd',
      option: 'cwd',
      type: 'string',
      input: 'working-directory',
      config: false,
      actionFromFile: false,
      help: { arg: 'DIR', text: ["the project's root (default: the current folder)"] },
    },
    {
      flag: 'config',
      option: null,
      type: 'string',
      config: false,
      actionFromFile: false,
      help: { arg: 'FILE', text: ['config file (default: schemagate.config.json or .yml in --cwd)'] },
    },
    {
      flag: 'tool',
      option: 'tool',
      type: 'string',
      check: oneOfThese(TOOL_NAMES),
      help: {
        arg: 'NAME',
        text: [
          'knex (default when a knexfile exists), sql, alembic, django, typeorm, node-pg-migrate, sequelize',
        ],
      },
    },
    {
      flag: 'migrations',
      option: 'migrations',
      type: 'list',
      input: 'migrations',
      help: { arg: 'DIR', text: ['where the migrations are (default: from the knexfile); repeatable'] },
    },
    {
      flag: 'engine',
      option: 'engines',
      type: 'list',
      input: 'engines',
      checkList: parseEngines,
      help: {
        arg: 'E[:VERSION]',
        text: [`${engineForms()}; repeatable`],
      },
    },
    {
      flag: 'provider',
      option: 'provider',
      type: 'string',
      input: 'provider',
      check: oneOfThese(PROVIDER_NAMES),
      help: { arg: 'P', text: ['embedded (Postgres, no Docker needed), docker, or url'] },
    },
    {
      flag: 'url',
      option: 'url',
      type: 'string',
      input: 'database-url',
      actionFromFile: false,
      help: { arg: 'URL', text: ['server for the url provider (or SCHEMAGATE_URL)'] },
    },
    {
      flag: 'image',
      option: null, // folded into each engine's EngineSpec.image
      type: 'list',
      checkList: parseImages,
      help: {
        arg: 'ENGINE=IMAGE',
        text: [
          'docker image override, e.g. postgres=mirror.example.com/postgres:16;',
          'ENGINE:VERSION=IMAGE for one version only (postgres:15=...); repeatable',
        ],
      },
    },
    {
      flag: 'models',
      option: 'models',
      type: 'list',
      input: 'models',
      help: { arg: 'FILE', text: ['models for drift: schema.sql or a JS/TS module; repeatable'] },
    },
    {
      flag: 'models-command',
      option: 'modelsCommand',
      type: 'string',
      input: 'models-command',
      help: { arg: 'CMD', text: ['command that builds the models on $DATABASE_URL'] },
    },
    {
      flag: 'drift',
      option: 'drift',
      type: 'string',
      input: 'drift',
      check: oneOfThese(DRIFT_MODES),
      default: 'fail',
      help: { arg: 'fail|warn|off', text: ['whether drift fails the run; off: not checked'] },
    },
    {
      flag: 'ignore',
      option: 'ignore',
      type: 'list',
      help: { arg: 'PATTERN', text: ['objects drift ignores; repeatable'] },
    },
    {
      flag: 'fail-on',
      option: 'failOn',
      type: 'string',
      input: null, // the Action's own fail-on input, read with its defaults by action-inputs.ts
      actionFromFile: false,
      check: (text, where) => {
        const parsed = parseFailOn(text);
        if ('error' in parsed) throw new UsageError(`${where}: ${parsed.error}`);
        return parsed.kinds;
      },
      help: {
        arg: 'KINDS',
        text: [
          'which problems fail the run, as the Action\u2019s fail-on: migration, irreversible, drift,',
          'finding, hazard, warning, all, none (default: every failed check)',
        ],
      },
    },
    {
      flag: 'irreversible',
      option: 'irreversible',
      type: 'string',
      input: null, // the Action's fail-on decides it
      check: oneOfThese(IRREVERSIBLE_MODES),
      default: 'declared',
      help: { arg: 'P', text: ['declared | all | none: which migrations without a down pass'] },
    },
    {
      flag: 'only-changed',
      option: 'onlyChanged',
      type: 'list',
      input: null, // the Action's `only-changed` is a switch: the pull request names the migrations
      actionFromFile: false,
      help: { arg: 'LIST', text: ['migrations that get the full round trip; the rest are applied once'] },
    },
    {
      flag: 'python',
      option: 'python',
      type: 'string',
      default: 'python3',
      help: { arg: 'CMD', text: ['the Python that runs alembic or django'] },
    },
    {
      flag: 'json',
      option: 'jsonPath',
      type: 'string',
      actionFromFile: false,
      help: { arg: 'FILE', text: ['write the report as JSON'] },
    },
    {
      flag: 'markdown',
      option: 'markdownPath',
      type: 'string',
      actionFromFile: false,
      help: { arg: 'FILE', text: ['write the PR comment body as markdown'] },
    },
    {
      flag: 'write-migration',
      option: 'writeMigrationDir',
      type: 'string',
      actionFromFile: false,
      help: { arg: 'DIR', text: ['write a knex migration that closes the drift'] },
    },
    {
      flag: 'timeout',
      option: 'timeoutMs',
      type: 'string',
      check: parseTimeout,
      default: '1800',
      help: { arg: 'SECONDS', text: ['give up after this long: 1 to 86400'] },
    },
    {
      flag: 'rows',
      option: 'rows',
      type: 'string',
      input: 'rows',
      check: parseRows,
      default: '0',
      help: {
        arg: 'N',
        text: [
          'rehearse each new migration on tables with N generated rows: data failures, lost data',
          'and lock hazards, measured (docs/rehearsal.md); 0: off',
        ],
      },
    },
    {
      flag: 'small-tables',
      option: 'smallTables',
      type: 'list',
      input: 'small-tables',
      help: {
        arg: 'TABLE',
        text: ['tables known to stay small: their lock hazards do not count; repeatable'],
      },
    },
    {
      flag: 'lanes',
      option: 'lanes',
      type: 'string',
      check: parseLanes,
      default: 'auto',
      help: {
        arg: 'N|auto',
        text: [
          'check parts of a long history at once, each on its own database;',
          '1: strictly in order on one database, auto: as many as the cores allow',
        ],
      },
    },
    {
      flag: 'shard',
      option: 'shard',
      type: 'string',
      input: 'shard',
      // One job's part: a config file is shared by every job of the matrix.
      config: false,
      actionFromFile: false,
      check: parseShard,
      help: {
        arg: 'I/N',
        text: [
          'check only the I-th of N parts of the history, one job each; schemagate merge joins',
          'the N reports into the one-job verdict (README "One comment for a matrix")',
        ],
      },
    },
    {
      flag: 'quiet',
      option: 'verbosity',
      type: 'boolean',
      actionFromFile: false,
      help: { text: ['less output'] },
    },
    {
      flag: 'verbose',
      option: 'verbosity',
      type: 'boolean',
      actionFromFile: false,
      help: { text: ['more output, and the stack trace of an error'] },
    },
    {
      flag: 'help',
      option: null,
      type: 'boolean',
      config: false,
      actionFromFile: false,
      help: { text: ['this help'] },
    },
  ] satisfies Entry[]
).map((e) => ({ input: null, config: true, actionFromFile: true, ...e }));

/**
 * action.yml inputs that are not settings of a check: what the step does (mode, report), how it
 * talks to GitHub (github-token, comment), which problems fail it (fail-on), and `only-changed`, a
 * switch that takes the migrations from the pull request where the CLI's flag takes a list.
 */
export const ACTION_ONLY_INPUTS = ['mode', 'report', 'github-token', 'comment', 'fail-on', 'only-changed'];

export function setting(flag: string): Setting {
  const found = SETTINGS.find((s) => s.flag === flag);
  if (!found) throw new Error(`no setting '${flag}'`);
  return found;
}

/** node:util parseArgs options for `schemagate check`. */
export const CLI_FLAGS = Object.fromEntries(
  SETTINGS.map((s) => [
    s.flag,
    s.type === 'boolean'
      ? { type: 'boolean' as const, ...(s.flag === 'help' ? { short: 'h' } : {}) }
      : { type: 'string' as const, ...(s.type === 'list' ? { multiple: true } : {}) },
  ]),
);

/** The config file's keys, in the table's order. */
export const CONFIG_KEYS: readonly string[] = SETTINGS.filter((s) => s.config).map((s) => s.flag);

/** The help's flag column: `  --flag ARG` padded to this width. */
const COLUMN = 26;

function helpLines(s: Setting): string[] {
  const name = s.flag === 'help' ? '-h, --help' : `--${s.flag}${s.help.arg ? ` ${s.help.arg}` : ''}`;
  const text = [...s.help.text];
  if (s.default !== undefined) text[text.length - 1] += ` (default: ${s.default})`;
  const first = `  ${name}`;
  return [
    `${first.padEnd(COLUMN - 1)} ${text[0]}`,
    ...text.slice(1).map((line) => `${' '.repeat(COLUMN)}${line}`),
  ];
}

export const CHECK_HELP = `Usage: schemagate check [flags]

Runs every migration up, down and up again on throwaway databases and compares the schema at each step.
Every flag but --cwd, --config and --help can also be a key of schemagate.config.json or .yml.

${SETTINGS.flatMap(helpLines).join('\n')}

Exit codes: 0 every check passed, 1 a check failed, 2 bad usage, configuration or infrastructure.`;

/** `postgres[:MAJOR] (default), mysql[:VERSION], mariadb[:VERSION]`: every registered engine. */
function engineForms(): string {
  return ENGINE_NAMES.map(
    (e) => `${e}[:${ENGINES[e].versionForm}]${e === DEFAULT_ENGINE ? ' (default)' : ''}`,
  ).join(', ');
}
