import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { readConfigFile } from './config-file.js';
import type { Options } from './options.js';
import { checkOutputPaths } from './output-paths.js';
import { commonOptions, SettingValues } from './setting-values.js';
import { CLI_FLAGS } from './settings.js';
import type { DriftMode } from './values.js';

export { CHECK_HELP } from './settings.js';

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
    ({ values } = parseArgs({ args, options: CLI_FLAGS, allowPositionals: false, strict: true }));
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
  );
  const settings = new SettingValues(
    {
      given: (s) => values[s.flag],
      name: (s) => `--${s.flag}`,
      fromFile: () => true,
      split: (v) =>
        v
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
    },
    fromFile,
    shown,
  );
  const where = (flag: string) => settings.where(flag);
  const resolved = (flag: string) => {
    const p = settings.text(flag);
    return p ? path.resolve(cwd, p) : null;
  };

  const url = settings.text('url') ?? env.SCHEMAGATE_URL ?? null;
  const common = commonOptions(settings, cwd, url);
  if (settings.on('quiet') && settings.on('verbose'))
    throw new UsageError('--quiet and --verbose cannot be used together');
  const onlyChanged = settings.list('only-changed');

  const options: Options = {
    cwd,
    ...common,
    url,
    drift: settings.checked<DriftMode>('drift')!,
    irreversible: settings.checked<Options['irreversible']>('irreversible')!,
    onlyChanged: onlyChanged.length > 0 ? onlyChanged : null,
    jsonPath: resolved('json'),
    markdownPath: resolved('markdown'),
    writeMigrationDir: resolved('write-migration'),
    verbosity: settings.on('quiet') ? 'quiet' : settings.on('verbose') ? 'verbose' : 'normal',
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
