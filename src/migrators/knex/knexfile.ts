import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { loadModule, unwrapDefault } from '../load-module.js';

export const KNEXFILE_NAMES = ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts'];

/** knex's own defaults (lib/migrations/migrate/migrator-configuration-merger.js and MigrationsLoader.js). */
export const KNEX_DEFAULT_LOAD_EXTENSIONS = [
  '.co',
  '.coffee',
  '.eg',
  '.iced',
  '.js',
  '.cjs',
  '.litcoffee',
  '.ls',
  '.ts',
];

/** A knex migration source, as knex's `migrations.migrationSource` option defines it. */
export interface KnexMigrationSource {
  getMigrations(loadExtensions: readonly string[]): Promise<unknown[]>;
  getMigrationName(migration: unknown): string;
  getMigration(migration: unknown): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** The migration settings schemagate honours, resolved to absolute paths. */
export interface KnexSettings {
  /** Where the knexfile was, or null when none was used. */
  knexfile: string | null;
  directories: string[];
  tableName: string;
  schemaName: string | null;
  loadExtensions: string[];
  disableTransactions: boolean;
  sortDirsSeparately: boolean;
  migrationSource: KnexMigrationSource | null;
  /** The knexfile's Postgres `searchPath`, which migrations may rely on. */
  searchPath: string | string[] | null;
}

export function findKnexfile(cwd: string): string | null {
  for (const name of KNEXFILE_NAMES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * Reads the knexfile like the knex CLI does: the environment from KNEX_ENV or NODE_ENV (default
 * `development`) when the file is keyed by environment, a function or promise resolved first.
 * Paths are relative to the knexfile's folder, as knex resolves them after its CLI changes into it.
 * `--migrations` (already absolute) replaces the directories.
 */
export async function readKnexSettings(cwd: string, migrationsOverride: string[]): Promise<KnexSettings> {
  const knexfile = findKnexfile(cwd);
  let migrations: Record<string, unknown> = {};
  let searchPath: string | string[] | null = null;
  if (knexfile) {
    let config: unknown = unwrapDefault(await loadModule(knexfile, cwd));
    if (typeof config === 'function') config = await (config as () => unknown)();
    config = await config;
    const wanted = process.env.KNEX_ENV || process.env.NODE_ENV || 'development';
    const record = (config ?? {}) as Record<string, unknown>;
    const isDirect = 'client' in record || 'connection' in record || 'migrations' in record;
    // CI jobs often run with NODE_ENV=test while knexfiles define only `development`; the migrations
    // are the same, so fall back to it rather than fail.
    const env = wanted in record ? wanted : 'development';
    const chosen = isDirect ? record : (record[env] as Record<string, unknown> | undefined);
    if (!chosen) {
      const envs = Object.keys(record).join(', ') || 'none';
      throw new ConfigError(
        `${path.relative(cwd, knexfile)}: no configuration for environment '${wanted}' (found: ${envs}); set KNEX_ENV or NODE_ENV`,
      );
    }
    migrations = (chosen.migrations ?? {}) as Record<string, unknown>;
    searchPath = (chosen.searchPath as string | string[] | undefined) ?? null;
  } else if (migrationsOverride.length === 0 && !existsSync(path.join(cwd, 'migrations'))) {
    // Without a knexfile, knex's own default folder (./migrations) is used when it exists.
    throw new ConfigError(
      `no knexfile (${KNEXFILE_NAMES.join(', ')}) and no migrations folder in ${cwd}: pass --migrations DIR`,
    );
  }

  const base = knexfile ? path.dirname(knexfile) : cwd;
  const configured = migrations.directory ?? './migrations';
  const directories =
    migrationsOverride.length > 0
      ? migrationsOverride
      : (Array.isArray(configured) ? configured : [configured]).map((d) => path.resolve(base, String(d)));
  const loadExtensions = Array.isArray(migrations.loadExtensions)
    ? (migrations.loadExtensions as string[])
    : KNEX_DEFAULT_LOAD_EXTENSIONS;
  const hasFsOptions =
    migrationsOverride.length > 0 ||
    migrations.directory !== undefined ||
    migrations.loadExtensions !== undefined;
  return {
    knexfile,
    directories,
    tableName: typeof migrations.tableName === 'string' ? migrations.tableName : 'knex_migrations',
    schemaName: typeof migrations.schemaName === 'string' ? migrations.schemaName : null,
    loadExtensions,
    disableTransactions: migrations.disableTransactions === true,
    sortDirsSeparately: migrations.sortDirsSeparately === true,
    // knex drops a custom source as soon as any file-system option is given; so do we.
    searchPath,
    migrationSource: hasFsOptions
      ? null
      : ((migrations.migrationSource as KnexMigrationSource | undefined) ?? null),
  };
}
