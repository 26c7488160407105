/**
 * The Action's inputs, read once into the same Options the CLI builds, plus what only the Action
 * has (token, comment, fail-on). Secrets are registered for masking before anything else is read,
 * so no later message can leak them. Errors name the input: `Input 'engines' ...`.
 *
 * A `schemagate.config.json`/`.yml` in the working directory supplies what has no input (tool,
 * ignore, image, python, timeout, lanes); an input that is set wins over the file.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_VERSIONS, parseImageOverrides } from '../databases/images.js';
import type { EngineSpec, ProviderName } from '../databases/provider.js';
import { errorMessage, UsageError } from '../errors.js';
import type { ToolName } from '../migrators/migrator.js';
import { DEFAULT_FAIL_ON, type FailOnKind, parseFailOn } from '../report/verdict.js';
import type { Secrets } from '../secrets.js';
import { type RawSettings, readConfigFile } from './config-file.js';
import { defaultEngine, parseEngine } from './engine-spec.js';
import { DEFAULT_TIMEOUT_MS, type Options, parseLanes } from './options.js';
import { DRIFT_MODES, oneOf, parseTimeout } from './values.js';

export interface InputSource {
  /** Like core.getInput: the trimmed value, '' when not set. */
  getInput(name: string): string;
  /** Like core.setSecret: the runner masks the value in the log from now on. */
  setSecret(value: string): void;
}

export interface ActionInputs {
  options: Options;
  token: string;
  comment: boolean;
  failOn: Set<FailOnKind>;
  onlyChanged: boolean;
  /** The working directory relative to the workspace, with forward slashes ('' for the root). */
  workingDirectory: string;
  /** Engines as written, for the comment's configuration key. */
  engineNames: string[];
}

const TOOLS: readonly ToolName[] = ['knex', 'sql', 'alembic', 'django'];
const PROVIDERS: readonly ProviderName[] = ['docker', 'embedded', 'url'];
// Every key the CLI's config file may hold (a file shared with the CLI must not be rejected); the
// Action uses those it has no input for.
const CONFIG_KEYS = [
  'tool',
  'migrations',
  'engine',
  'provider',
  'url',
  'image',
  'models',
  'models-command',
  'drift',
  'ignore',
  'irreversible',
  'only-changed',
  'python',
  'json',
  'markdown',
  'write-migration',
  'timeout',
  'lanes',
  'quiet',
  'verbose',
];

/** `a, b` or one per line. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new UsageError(`Input '${name}' is '${value}': expected true or false`);
}

/** Registers the token, the URL and the URL's password (raw and decoded) with the runner and `secrets`. */
export function registerSecrets(
  source: InputSource,
  secrets: Secrets,
  values: { token: string; url: string },
): void {
  const all = new Set<string>();
  for (const v of [values.token, values.url]) if (v) all.add(v);
  if (values.url) {
    try {
      const parsed = new URL(values.url);
      if (parsed.password) {
        all.add(parsed.password);
        all.add(decodeURIComponent(parsed.password));
      }
    } catch {
      // A malformed URL is masked whole; its error message never quotes it.
    }
  }
  for (const v of all) if (v.length >= 3) source.setSecret(v);
  secrets.add(values.token);
  secrets.addUrl(values.url);
}

export async function readActionInputs(
  source: InputSource,
  secrets: Secrets,
  workspace: string,
): Promise<ActionInputs> {
  // Secrets first: nothing below may log or throw before they are masked.
  const token = source.getInput('github-token');
  const url = source.getInput('database-url');
  registerSecrets(source, secrets, { token, url });
  if (url && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new UsageError(
      `Input 'database-url' is not a URL: expected postgres://user:password@host:5432/postgres`,
    );
  }

  const workingDirectory = source.getInput('working-directory') || '.';
  const cwd = path.resolve(workspace, workingDirectory);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
    throw new UsageError(
      `Input 'working-directory' is '${workingDirectory}': no such folder in the checkout (did actions/checkout run first?)`,
    );
  }
  const { settings, shown } = await readConfigFile(cwd, null, CONFIG_KEYS);
  const key = (name: string) => `${shown} '${name}'`;
  const fromFile = (key: string): string[] => {
    const v: RawSettings[string] = settings[key];
    if (v === undefined || typeof v === 'boolean') return [];
    return (Array.isArray(v) ? v : [v]).flatMap(splitList);
  };
  const listInput = (name: string, fileKey = name) => {
    const given = splitList(source.getInput(name));
    return given.length > 0 ? given : fromFile(fileKey);
  };
  const resolve = (p: string) => path.resolve(cwd, p);

  // The same `ENGINE[:VERSION]=IMAGE` overrides as the CLI's --image, named by the config key.
  let images: Map<string, string>;
  try {
    images = parseImageOverrides(fromFile('image'));
  } catch (error) {
    throw new UsageError(`${key('image')}: ${errorMessage(error).replace(/^--image /, '')}`);
  }
  const engineNamesFromInput = splitList(source.getInput('engines')).length > 0;
  const engineNames = listInput('engines', 'engine');
  const engines: EngineSpec[] = (engineNames.length > 0 ? engineNames : [defaultEngine(url || null)]).map(
    (e) => ({
      ...parseEngine(e, engineNamesFromInput ? "Input 'engines' has" : `${key('engine')} has`),
      image: null,
    }),
  );
  for (const e of engines)
    e.image =
      images.get(`${e.engine}:${e.version ?? DEFAULT_VERSIONS[e.engine]}`) ?? images.get(e.engine) ?? null;
  const seen = new Set<string>();
  for (const e of engines) {
    const key = `${e.engine}${e.version ? `:${e.version}` : ''}`;
    if (seen.has(key)) throw new UsageError(`Input 'engines' names ${key} twice`);
    seen.add(key);
  }

  const providerInput = source.getInput('provider');
  const providerText = providerInput || fromFile('provider')[0] || '';
  if (providerText && !PROVIDERS.includes(providerText as ProviderName)) {
    throw new UsageError(
      `${providerInput ? "Input 'provider'" : key('provider')} is '${providerText}': expected ${PROVIDERS.join(', ')}, or leave it empty`,
    );
  }
  const provider = (providerText || null) as ProviderName | null;
  if (provider === 'url' && !url) {
    throw new UsageError(
      `Input 'provider' is 'url' but 'database-url' is empty: pass the URL of a services: container`,
    );
  }

  const failOnText = source.getInput('fail-on');
  const parsed = parseFailOn(failOnText);
  if ('error' in parsed) throw new UsageError(`Input 'fail-on' has an ${parsed.error}`);
  const failOn = failOnText === '' ? defaultFailOn(settings) : parsed.kinds;

  const tool = fromFile('tool')[0] ?? null;
  if (tool) oneOf(tool, TOOLS, key('tool'));
  const timeout = fromFile('timeout')[0];
  const timeoutMs = timeout ? parseTimeout(timeout, key('timeout')) : DEFAULT_TIMEOUT_MS;
  const lanes = parseLanes(fromFile('lanes')[0], key('lanes'));
  // What drift does: the `drift` input, else the `fail-on` input, else the config's `drift` key.
  const driftInput = source.getInput('drift');
  const driftText = driftInput || (failOnText === '' ? fromFile('drift')[0] : '') || '';
  const drift = driftText
    ? oneOf(driftText, DRIFT_MODES, driftInput ? "Input 'drift'" : key('drift'))
    : failOn.has('drift')
      ? 'fail'
      : 'warn';
  if (drift === 'fail') failOn.add('drift');
  else failOn.delete('drift');
  const irreversible = fromFile('irreversible')[0];
  if (irreversible) oneOf(irreversible, ['declared', 'all', 'none'] as const, key('irreversible'));

  const options: Options = {
    cwd,
    tool: tool as ToolName | null,
    migrations: listInput('migrations').map(resolve),
    engines,
    provider,
    url: url || null,
    models: listInput('models').map(resolve),
    modelsCommand: source.getInput('models-command') || fromFile('models-command')[0] || null,
    drift,
    ignore: fromFile('ignore'),
    // Without `irreversible` in fail-on, every migration without a down passes with a warning.
    irreversible: failOn.has('irreversible') ? 'declared' : 'all',
    onlyChanged: null, // filled in from the pull request's files
    python: fromFile('python')[0] ?? 'python3',
    jsonPath: null,
    markdownPath: null,
    writeMigrationDir: null,
    verbosity: 'normal',
    timeoutMs,
    lanes,
    surface: 'action',
  };
  const relative = path.relative(workspace, cwd).split(path.sep).join('/');
  return {
    options,
    token,
    comment: parseBoolean('comment', source.getInput('comment'), true),
    failOn,
    onlyChanged: parseBoolean('only-changed', source.getInput('only-changed'), true),
    workingDirectory: relative,
    engineNames: engines.map((e) => `${e.engine}${e.version ? `:${e.version}` : ''}`),
  };
}

/** No `fail-on` input: the defaults, softened by the config file's `drift: warn` / `irreversible: all`. */
function defaultFailOn(settings: RawSettings): Set<FailOnKind> {
  const kinds = new Set<FailOnKind>(DEFAULT_FAIL_ON);
  if (settings.drift === 'warn') kinds.delete('drift');
  if (settings.irreversible === 'all') kinds.delete('irreversible');
  return kinds;
}

/** What the step does: run the check (default), or only post the comment from saved report(s). */
export type ActionMode = { mode: 'check' } | { mode: 'comment'; token: string; report: string };

/**
 * `mode` and, for `mode: comment`, `report` and the token. Read before anything else, because
 * `mode: comment` must read nothing more: no working directory, no config file (its folder may
 * hold a pull request's files).
 */
export function readActionMode(source: InputSource, secrets: Secrets): ActionMode {
  const mode = source.getInput('mode') || 'check';
  if (mode === 'check') return { mode };
  if (mode !== 'comment') throw new UsageError(`Input 'mode' is '${mode}': expected check or comment`);
  const token = source.getInput('github-token');
  registerSecrets(source, secrets, { token, url: '' });
  const report = source.getInput('report');
  if (!report) {
    throw new UsageError(
      `Input 'report' is empty: mode 'comment' needs the downloaded report file or folder (for example \${{ runner.temp }}/schemagate-reports)`,
    );
  }
  return { mode, token, report };
}
