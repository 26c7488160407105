import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_VERSIONS, parseImageOverrides } from '../databases/images.js';
import type { EngineSpec, ProviderName } from '../databases/provider.js';
import { UsageError } from '../errors.js';
import type { ToolName } from '../migrators/migrator.js';
import { type RawSettings, readConfigFile } from './config-file.js';
import { defaultEngine, parseEngine } from './engine-spec.js';
import { DEFAULT_TIMEOUT_MS, type Options, parseLanes } from './options.js';
import { checkOutputPaths } from './output-paths.js';
import { DRIFT_MODES, oneOf, parseTimeout } from './values.js';

/** Every `check` flag. The config file takes the same keys (except cwd and config). */
const FLAGS = {
  cwd: { type: 'string' },
  config: { type: 'string' },
  tool: { type: 'string' },
  migrations: { type: 'string', multiple: true },
  engine: { type: 'string', multiple: true },
  provider: { type: 'string' },
  url: { type: 'string' },
  image: { type: 'string', multiple: true },
  models: { type: 'string', multiple: true },
  'models-command': { type: 'string' },
  drift: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  irreversible: { type: 'string' },
  'only-changed': { type: 'string', multiple: true },
  python: { type: 'string' },
  json: { type: 'string' },
  markdown: { type: 'string' },
  'write-migration': { type: 'string' },
  timeout: { type: 'string' },
  lanes: { type: 'string' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const CONFIG_KEYS = Object.keys(FLAGS).filter((k) => !['cwd', 'config', 'help'].includes(k));

const TOOLS: readonly ToolName[] = ['knex', 'sql', 'alembic', 'django'];
const PROVIDERS: readonly ProviderName[] = ['docker', 'embedded', 'url'];

export interface ParsedCli {
  options: Options;
  help: boolean;
}

/**
 * `schemagate check` flags, then the config file under them: flags win. Everything is validated
 * here, once, with errors that name the flag (or the config key) and say what is expected.
 * `env` supplies SCHEMAGATE_URL / DATABASE_URL so a URL need not appear on a command line.
 */
export async function parseCheckArgs(
  argv: string[],
  processCwd: string,
  env: Record<string, string | undefined>,
): Promise<ParsedCli> {
  let values: Record<string, string | boolean | string[] | undefined>;
  // `--timeout -1` is a value, not a flag: parseArgs would call it ambiguous, and the range check
  // below says more.
  const args: string[] = [];
  for (const a of argv) {
    const previous = args.at(-1) ?? '';
    if (/^-\d/.test(a) && /^--[a-z-]+$/.test(previous)) args[args.length - 1] = `${previous}=${a}`;
    else args.push(a);
  }
  try {
    ({ values } = parseArgs({ args, options: FLAGS, allowPositionals: false, strict: true }));
  } catch (error) {
    const first = (error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/s, '');
    throw new UsageError(`${first.replace(/\.$/, '')}: run schemagate check --help`);
  }
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && v.trim() === '')
        throw new UsageError(`--${key} is empty: give it a value, or leave the flag out`);
    }
  }
  const cwd = path.resolve(processCwd, (values.cwd as string | undefined) ?? '.');
  if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(
      `--cwd ${values.cwd ?? '.'}: no such folder (${cwd}); pass the folder that holds the project`,
    );
  }
  const { settings: fromFile, shown } = await readConfigFile(
    cwd,
    (values.config as string | undefined) ?? null,
    CONFIG_KEYS,
  );
  const pick = (key: string): RawSettings[string] =>
    values[key] !== undefined ? values[key] : fromFile[key];
  /** The flag, or the config key when the value came from the file. */
  const where = (key: string) => (values[key] !== undefined ? `--${key}` : `${shown} '${key}'`);
  const list = (key: string): string[] => {
    const v = pick(key);
    if (v === undefined || typeof v === 'boolean') return [];
    return (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  };
  const str = (key: string): string | null => {
    const v = pick(key);
    if (v === undefined) return null;
    if (typeof v !== 'string') throw new UsageError(`${where(key)} takes one value`);
    return v;
  };
  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: T | null): T | null => {
    const v = str(key);
    return v === null ? fallback : oneOf(v, allowed, where(key));
  };
  const resolve = (p: string) => path.resolve(cwd, p);

  // `--image postgres=IMAGE` covers every Postgres; `--image postgres:16=IMAGE` that version only (images.ts).
  const images = parseImageOverrides(list('image'));
  const url = str('url') ?? env.SCHEMAGATE_URL ?? null;
  const engines: EngineSpec[] = (list('engine').length > 0 ? list('engine') : [defaultEngine(url)]).map(
    (e) => {
      const spec = parseEngine(e, where('engine'));
      const version = spec.version ?? DEFAULT_VERSIONS[spec.engine];
      return { ...spec, image: images.get(`${spec.engine}:${version}`) ?? images.get(spec.engine) ?? null };
    },
  );
  const seen = new Set<string>();
  for (const e of engines) {
    const key = `${e.engine}:${e.version ?? ''}`;
    if (seen.has(key)) throw new UsageError(`${where('engine')} ${key.replace(/:$/, '')} is given twice`);
    seen.add(key);
  }

  const timeoutSeconds = str('timeout');
  const timeoutMs =
    timeoutSeconds === null ? DEFAULT_TIMEOUT_MS : parseTimeout(timeoutSeconds, where('timeout'));
  const lanes = parseLanes(str('lanes'), where('lanes'));
  if (pick('quiet') === true && pick('verbose') === true)
    throw new UsageError('--quiet and --verbose cannot be used together');
  const onlyChanged = list('only-changed');

  const options: Options = {
    cwd,
    tool: choice('tool', TOOLS, null),
    migrations: list('migrations').map(resolve),
    engines,
    provider: choice('provider', PROVIDERS, null),
    url,
    models: list('models').map(resolve),
    modelsCommand: str('models-command'),
    drift: choice('drift', DRIFT_MODES, 'fail')!,
    ignore: list('ignore'),
    irreversible: choice('irreversible', ['declared', 'all', 'none'] as const, 'declared')!,
    onlyChanged: onlyChanged.length > 0 ? onlyChanged : null,
    python: str('python') ?? 'python3',
    jsonPath: str('json') ? resolve(str('json')!) : null,
    markdownPath: str('markdown') ? resolve(str('markdown')!) : null,
    writeMigrationDir: str('write-migration') ? resolve(str('write-migration')!) : null,
    verbosity: pick('quiet') === true ? 'quiet' : pick('verbose') === true ? 'verbose' : 'normal',
    timeoutMs,
    lanes,
  };
  checkOutputPaths(options, {
    json: where('json'),
    markdown: where('markdown'),
    'write-migration': where('write-migration'),
  });
  if (options.provider === 'url' && !options.url) {
    throw new UsageError(
      '--provider url needs --url (or SCHEMAGATE_URL): postgres://user:password@host:5432/postgres',
    );
  }
  return { options, help: values.help === true };
}

export const CHECK_HELP = `Usage: schemagate check [flags]

Runs every migration up, down and up again on throwaway databases and compares the schema at each step.

  --cwd DIR               the project's root (default: the current folder)
  --config FILE           config file (default: schemagate.config.json or .yml in --cwd)
  --tool NAME             knex (default when a knexfile exists), sql, alembic, django
  --migrations DIR        where the migrations are (default: from the knexfile); repeatable
  --engine E[:VERSION]    postgres[:MAJOR] (default), mysql[:VERSION], mariadb[:VERSION]; repeatable
  --provider P            embedded (Postgres, no Docker needed), docker, or url
  --url URL               server for the url provider (or SCHEMAGATE_URL)
  --image ENGINE=IMAGE    docker image override, e.g. postgres=mirror.example.com/postgres:16;
                          ENGINE:VERSION=IMAGE for one version only (postgres:15=...); repeatable
  --models FILE           models for drift: schema.sql or a JS/TS module; repeatable
  --models-command CMD    command that builds the models on $DATABASE_URL
  --drift fail|warn|off   whether drift fails the run (default: fail); off: not checked
  --ignore PATTERN        objects drift ignores; repeatable
  --irreversible P        declared (default) | all | none: which migrations without a down pass
  --only-changed LIST     migrations that get the full round trip; the rest are applied once
  --json FILE             write the report as JSON
  --markdown FILE         write the PR comment body as markdown
  --write-migration DIR   write a knex migration that closes the drift
  --timeout SECONDS       give up after this long: 1 to 86400 (default: 1800)
  --lanes N|auto          check parts of a long history at once, each on its own database
                          (default: auto, from the cores; 1: strictly in order on one database)
  --quiet / --verbose     less or more output

Exit codes: 0 every check passed, 1 a check failed, 2 bad usage, configuration or infrastructure.`;
