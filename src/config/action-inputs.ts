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
import { UsageError } from '../errors.js';
import type { Secrets } from '../secrets.js';
import { DEFAULT_FAIL_ON, type FailOnKind, parseFailOn } from '../vocabulary/fail-on.js';
import { type RawSettings, readConfigFile } from './config-file.js';
import type { Options } from './options.js';
import { commonOptions, SettingValues } from './setting-values.js';
import type { DriftMode } from './values.js';

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
  const { settings: file, shown } = await readConfigFile(cwd, null);
  const settings = new SettingValues(
    {
      // Each input is read when its setting is, after the secrets above are masked.
      given: (s) => {
        if (!s.input) return undefined;
        const value = source.getInput(s.input);
        if (s.type === 'list') return splitList(value).length > 0 ? [value] : undefined;
        return value === '' ? undefined : value;
      },
      name: (s) => `Input '${s.input}'`,
      fromFile: (s) => s.actionFromFile,
      split: splitList,
    },
    file,
    shown,
  );

  const common = commonOptions(settings, cwd, url || null);
  if (common.provider === 'url' && !url) {
    throw new UsageError(
      `Input 'provider' is 'url' but 'database-url' is empty: pass the URL of a services: container`,
    );
  }

  const failOnText = source.getInput('fail-on');
  const parsed = parseFailOn(failOnText);
  if ('error' in parsed) throw new UsageError(`Input 'fail-on' has an ${parsed.error}`);
  const failOn = failOnText === '' ? defaultFailOn(file) : parsed.kinds;

  // What drift does: the `drift` input, else the `fail-on` input, else the config's `drift` key.
  const driftSet = settings.given('drift') || (failOnText === '' && settings.raw('drift') !== undefined);
  const drift = driftSet ? settings.checked<DriftMode>('drift')! : failOn.has('drift') ? 'fail' : 'warn';
  if (drift === 'fail') failOn.add('drift');
  else failOn.delete('drift');
  // Checked as the CLI checks it; the Action's fail-on decides what it does.
  settings.checked('irreversible');

  const options: Options = {
    cwd,
    ...common,
    url: url || null,
    drift,
    // Without `irreversible` in fail-on, every migration without a down passes with a warning.
    irreversible: failOn.has('irreversible') ? 'declared' : 'all',
    onlyChanged: null, // filled in from the pull request's files
    jsonPath: null,
    markdownPath: null,
    writeMigrationDir: null,
    verbosity: 'normal',
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
    engineNames: options.engines.map((e) => `${e.engine}${e.version ? `:${e.version}` : ''}`),
  };
}

/** No `fail-on` input: the defaults, softened by the config file's `drift: warn` / `irreversible: all`. */
function defaultFailOn(settings: RawSettings): Set<FailOnKind> {
  const kinds = new Set<FailOnKind>(DEFAULT_FAIL_ON);
  if (settings.drift === 'warn') kinds.delete('drift');
  if (settings.irreversible === 'all') kinds.delete('irreversible');
  return kinds;
}

/**
 * What the step does: run the check (default), only post the comment from saved report(s), or
 * merge a matrix's reports into one report, verdict and comment.
 */
export type ActionMode =
  | { mode: 'check' }
  | { mode: 'comment'; token: string; report: string }
  | { mode: 'merge'; token: string; report: string; comment: boolean; failOn: Set<FailOnKind> };

/**
 * `mode` and, for `mode: comment` and `merge`, `report` and the token (and merge's `comment` and
 * `fail-on`). Read before anything else, because these modes must read nothing more: no working
 * directory, no config file (its folder may hold a pull request's files).
 */
export function readActionMode(source: InputSource, secrets: Secrets): ActionMode {
  const mode = source.getInput('mode') || 'check';
  if (mode === 'check') return { mode };
  if (mode !== 'comment' && mode !== 'merge')
    throw new UsageError(`Input 'mode' is '${mode}': expected check, comment or merge`);
  const token = source.getInput('github-token');
  registerSecrets(source, secrets, { token, url: '' });
  const report = source.getInput('report');
  if (!report) {
    throw new UsageError(
      `Input 'report' is empty: mode '${mode}' needs the downloaded report file or folder (for example \${{ runner.temp }}/schemagate-reports)`,
    );
  }
  if (mode === 'comment') return { mode, token, report };
  const failOnText = source.getInput('fail-on');
  const parsed = parseFailOn(failOnText);
  if ('error' in parsed) throw new UsageError(`Input 'fail-on' has an ${parsed.error}`);
  return {
    mode,
    token,
    report,
    comment: parseBoolean('comment', source.getInput('comment'), true),
    // No config file here (see above): empty is the check's default, whatever the legs' file says.
    failOn: failOnText === '' ? new Set(DEFAULT_FAIL_ON) : parsed.kinds,
  };
}
