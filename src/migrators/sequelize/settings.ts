/**
 * A sequelize-cli project's settings, read as sequelize-cli reads them: `.sequelizerc` (its
 * `config` and `migrations-path`), then the config file (`config/config.json` by default; `.js`
 * works too) for the environment `NODE_ENV` names (`development` without it). schemagate replaces
 * the connection with the throwaway database's, so only what shapes the SQL is kept from the
 * environment's entry: its dialect (kept when the engine checked accepts it), `define` and
 * `quoteIdentifiers`, and the bookkeeping table's name.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { loadModule, unwrapDefault } from '../load-module.js';

export interface SequelizeSettings {
  /** Absolute path of the migrations folder. */
  directory: string;
  /** `migrationStorageTableName`, `SequelizeMeta` by default. */
  table: string;
  /** The environment entry's `dialect`, when it has one. */
  dialect: string | null;
  /** Options of the environment entry that shape the SQL, passed to `new Sequelize`. */
  options: { define?: object; quoteIdentifiers?: boolean };
}

export async function readSequelizeSettings(cwd: string, migrations: string[]): Promise<SequelizeSettings> {
  if (migrations.length > 1) {
    throw new UsageError('sequelize-cli reads one migrations folder: pass --migrations once');
  }
  const rcFile = path.join(cwd, '.sequelizerc');
  const rc = (await isFile(rcFile)) ? unwrapDefault(await loadModule(rcFile, cwd)) : {};
  const where = async (key: string, fallback: string) =>
    typeof rc[key] === 'string' ? rebase(cwd, rc[key] as string) : path.resolve(cwd, fallback);

  const configFile = await where('config', path.join('config', 'config.json'));
  let entry: Record<string, unknown> = {};
  if (await isFile(configFile)) {
    const config = unwrapDefault(await loadModule(configFile, cwd));
    const env = process.env.NODE_ENV || 'development';
    const chosen = config[env];
    if (chosen && typeof chosen === 'object') entry = chosen as Record<string, unknown>;
  }
  return {
    directory: migrations[0]
      ? path.resolve(cwd, migrations[0])
      : await where('migrations-path', 'migrations'),
    table:
      typeof entry.migrationStorageTableName === 'string' ? entry.migrationStorageTableName : 'SequelizeMeta',
    dialect: typeof entry.dialect === 'string' ? entry.dialect : null,
    options: {
      ...(entry.define && typeof entry.define === 'object' ? { define: entry.define } : {}),
      ...(typeof entry.quoteIdentifiers === 'boolean' ? { quoteIdentifiers: entry.quoteIdentifiers } : {}),
    },
  };
}

/**
 * A `.sequelizerc` path. sequelize-cli runs in the project's root, so `path.resolve('db',
 * 'migrations')` there means the project's folder; evaluated in schemagate's process (whose
 * working directory may be elsewhere with --cwd) it points under that directory instead, and is
 * moved back under the project when the project has it.
 */
async function rebase(cwd: string, value: string): Promise<string> {
  const resolved = path.resolve(cwd, value);
  const here = process.cwd();
  if (path.resolve(cwd) === here || !resolved.startsWith(here + path.sep) || (await exists(resolved)))
    return resolved;
  const moved = path.join(cwd, path.relative(here, resolved));
  return (await exists(moved)) ? moved : resolved;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}
