/**
 * Where a node-pg-migrate project keeps its migrations and how it runs them, read as node-pg-migrate's
 * CLI reads them: the flags of the npm script that runs it (`node-pg-migrate up -m db/migrations`),
 * then its `--config-file` (or, with the `config` package, `config/default.json`), whose keys win
 * over the flags as they do in node-pg-migrate's own `applyIf`. schemagate's --migrations wins over
 * both.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, UsageError } from '../../errors.js';
import { dependsOn, readPackageJson, scriptFlag } from '../js-project.js';
import { loadModule, unwrapDefault } from '../load-module.js';

export interface NodePgMigrateSettings {
  /** Absolute path of the migrations folder. */
  directory: string;
  /** The bookkeeping table (`pgmigrations` unless `--migrations-table`). */
  table: string;
  /** `--decamelize`: builder operations turn camelCase names into snake_case. */
  decamelize: boolean;
  /** `--ignore-pattern`: file names (a regular expression, anchored) that are not migrations. */
  ignorePattern: string | null;
}

const COMMAND = 'node-pg-migrate';

export async function readNodePgMigrateSettings(
  cwd: string,
  migrations: string[],
): Promise<NodePgMigrateSettings> {
  if (migrations.length > 1) {
    throw new UsageError('node-pg-migrate reads one migrations folder: pass --migrations once');
  }
  const pkg = await readPackageJson(cwd);
  const flag = (...names: string[]) => scriptFlag(pkg, COMMAND, names);
  const text = (value: string | true | undefined) => (typeof value === 'string' ? value : undefined);
  let directory = text(flag('--migrations-dir', '-m'));
  let table = text(flag('--migrations-table', '-t'));
  let decamelize = flag('--decamelize') !== undefined;
  let ignorePattern = text(flag('--ignore-pattern'));

  const section = text(flag('--config-value')) ?? 'db';
  const config = await configObject(
    cwd,
    text(flag('--config-file', '-f')),
    section,
    dependsOn(pkg, 'config'),
  );
  if (config) {
    if (typeof config['migrations-dir'] === 'string') directory = config['migrations-dir'];
    if (typeof config['migrations-table'] === 'string') table = config['migrations-table'];
    if (typeof config.decamelize === 'boolean') decamelize = config.decamelize;
    if (typeof config['ignore-pattern'] === 'string') ignorePattern = config['ignore-pattern'];
  }
  return {
    directory: path.resolve(cwd, migrations[0] ?? directory ?? 'migrations'),
    table: table ?? 'pgmigrations',
    decamelize,
    ignorePattern: ignorePattern ?? null,
  };
}

/** The config file's section (`db` unless `--config-value`), or the whole file when it has none. */
async function configObject(
  cwd: string,
  file: string | undefined,
  section: string,
  usesConfigPackage: boolean,
): Promise<Record<string, unknown> | null> {
  let json: unknown = null;
  if (file) {
    json = unwrapDefault(await loadModule(path.resolve(cwd, file), cwd));
  } else if (usesConfigPackage) {
    const shown = path.join('config', 'default.json');
    const content = await readFile(path.join(cwd, shown), 'utf8').catch(() => null);
    if (content === null) return null;
    try {
      json = JSON.parse(content);
    } catch (error) {
      throw new ConfigError(`${shown}: not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!json || typeof json !== 'object') return null;
  const object = json as Record<string, unknown>;
  const inner = object[section];
  if (inner && typeof inner === 'object') return inner as Record<string, unknown>;
  return file ? object : null;
}
