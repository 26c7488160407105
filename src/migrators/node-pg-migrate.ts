import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { EngineSpec } from '../vocabulary/engine-spec.js';
import { SCRIPT_FILE } from './js-project.js';
import { errorCode, runJsStep } from './js-step.js';
import { inlineBindings } from './knex/inline-bindings.js';
import { loadModule, unwrapDefault } from './load-module.js';
import type { Migration, Migrator, MigratorSession } from './migrator.js';
import { type NodePgMigrateSettings, readNodePgMigrateSettings } from './node-pg-migrate/settings.js';
import { attribution, captureOutput } from './output.js';
import { exported, loadProjectPackage } from './project-package.js';

/** The part of node-pg-migrate's MigrationBuilder schemagate drives (stable since node-pg-migrate 5). */
interface Builder {
  enableReverseMode(): Builder;
  isUsingTransaction(): boolean;
  getSqlSteps(): string[];
}
type BuilderClass = new (db: BuilderDb, shorthands: object, decamelize: boolean, logger: object) => Builder;
interface BuilderDb {
  query: (sql: string | { text: string; values?: unknown[] }, values?: unknown[]) => Promise<pg.QueryResult>;
  select: (sql: string | { text: string; values?: unknown[] }, values?: unknown[]) => Promise<unknown[]>;
}
type Action = ((pgm: Builder, run?: () => void) => unknown) | false | undefined;
interface NpmModule {
  up?: Action;
  down?: Action;
  shorthands?: object;
}
interface Entry {
  migration: Migration;
  module: NpmModule;
  /** The type shorthands of this migration and every one before it, as node-pg-migrate merges them. */
  shorthands: object;
}

export const NODE_PG_MIGRATE_HINT = 'add exports.down, or declare it irreversible with exports.down = false';

/**
 * node-pg-migrate, in process. The project's own node-pg-migrate builds each migration's SQL
 * (its MigrationBuilder, with reverse mode for an up without a down, as node-pg-migrate infers
 * downs); schemagate sends that SQL to the throwaway database itself, in a transaction unless the
 * migration calls `pgm.noTransaction()`, and records what ran. It does not write `pgmigrations`.
 */
export async function createNodePgMigrateMigrator(args: {
  cwd: string;
  migrations: string[];
  engines: EngineSpec[];
  log: Logger;
}): Promise<Migrator & { settings: NodePgMigrateSettings }> {
  // node-pg-migrate speaks to the server through node-postgres: Postgres only.
  const other = args.engines.find((e) => ENGINES[e.engine].knex.client !== 'pg');
  if (other) {
    throw new UsageError(
      `node-pg-migrate runs on Postgres only, but this run checks ${ENGINES[other.engine].title} (--engine ${other.engine}): check a node-pg-migrate project with --engine postgres`,
    );
  }
  const settings = await readNodePgMigrateSettings(args.cwd, args.migrations);
  let builder: Promise<BuilderClass> | null = null;
  const Builder = () => {
    builder ??= loadProjectPackage(args.cwd, 'node-pg-migrate', 'node-pg-migrate').then((ns) => {
      const found = exported(ns, 'MigrationBuilder');
      if (typeof found !== 'function') {
        throw new ConfigError(
          'the node-pg-migrate installed in the project exports no MigrationBuilder: install node-pg-migrate 5 or later',
        );
      }
      return found as BuilderClass;
    });
    return builder;
  };
  let entries: Promise<Entry[]> | null = null;
  const load = () => {
    entries ??= Builder().then((B) => list(settings, args.cwd, B, args.log));
    return entries;
  };
  return {
    tool: 'node-pg-migrate',
    capturesExecutedSql: true,
    settings,
    async list() {
      return (await load()).map((e) => e.migration);
    },
    async open(db) {
      return openSession(db, settings, await load(), await Builder(), args.log);
    },
  };
}

async function list(
  settings: NodePgMigrateSettings,
  cwd: string,
  B: BuilderClass,
  log: Logger,
): Promise<Entry[]> {
  const shown = path.relative(cwd, settings.directory) || '.';
  if (!(await stat(settings.directory).catch(() => null))?.isDirectory()) {
    throw new ConfigError(`migrations folder ${shown} does not exist: create it or pass --migrations DIR`);
  }
  const ignore = new RegExp(settings.ignorePattern ? `^${settings.ignorePattern}$` : '^\\..*');
  const files = (await readdir(settings.directory, { withFileTypes: true }))
    .filter((d) => (d.isFile() || d.isSymbolicLink()) && !ignore.test(d.name))
    .map((d) => d.name)
    .filter((name) => SCRIPT_FILE.test(name) || name.endsWith('.sql'));
  if (files.length === 0) {
    throw new ConfigError(`no migrations in ${shown} (looked for .js, .ts and .sql files)`, {
      hint: 'point --migrations at the folder that holds them',
    });
  }
  for (const name of files) {
    if (!/^\d+/.test(name)) {
      throw new ConfigError(
        `${shown}/${name}: node-pg-migrate needs a number at the start of a migration's file name (1700000000000_add-users.js)`,
      );
    }
  }
  const entries: Entry[] = [];
  let shorthands = {};
  for (const name of files.sort(compareFileNames)) {
    const absolute = path.join(settings.directory, name);
    const file = path.relative(cwd, absolute).split(path.sep).join('/');
    const module = name.endsWith('.sql')
      ? await sqlMigration(absolute)
      : (unwrapDefault(
          await captureOutput(
            () => loadModule(absolute, cwd),
            () => {},
            (line) => log.debug(`${attribution(name, 'load')} ${line}`),
          ),
        ) as NpmModule);
    if (typeof module.up !== 'function') {
      throw new ConfigError(
        `${file}: a node-pg-migrate migration must export an up function (exports.up = (pgm) => ...)`,
      );
    }
    shorthands = { ...shorthands, ...module.shorthands };
    entries.push({ module, shorthands, migration: await describe(name, file, module, shorthands, B) });
  }
  return entries;
}

/**
 * `exports.down = false` declares the migration irreversible. Without `exports.down`,
 * node-pg-migrate reverses the up's operations; an up that uses one it cannot reverse (`pgm.sql`,
 * `pgm.db.query`) throws "Impossible to automatically infer down migration", found here by
 * building the up in reverse mode against a database that refuses every query.
 */
async function describe(name: string, file: string, module: NpmModule, shorthands: object, B: BuilderClass) {
  // The id is what pgmigrations records: the file name without its extension.
  const stem = name.replace(/\.[^.]+$/, '');
  const base = { id: stem, name: stem, file };
  if (module.down === false) return { ...base, reversible: false, irreversibleDeclared: true };
  if (module.down !== undefined && module.down !== module.up) return { ...base, reversible: true };
  const refuse = () => Promise.reject(new Error('no database while listing'));
  const pgm = new B({ query: refuse, select: refuse }, shorthands, false, quietLogger).enableReverseMode();
  const inferred = await captureOutput(
    async () => {
      await apply(module.up as Exclude<Action, false | undefined>, pgm);
      return true;
    },
    () => {},
  ).catch((error: unknown) => !/Impossible to automatically infer/.test(String((error as Error)?.message)));
  return inferred
    ? { ...base, reversible: true }
    : { ...base, reversible: false, irreversibleDeclared: false, irreversibleHint: NODE_PG_MIGRATE_HINT };
}

const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };

/** node-pg-migrate's callback style (`(pgm, run) => ...`) as well as plain and async functions. */
async function apply(action: Exclude<Action, false | undefined>, pgm: Builder): Promise<void> {
  if (action.length === 2) await new Promise<void>((resolve) => void action(pgm, resolve));
  else await action(pgm);
}

/** node-pg-migrate's order: the number a name starts with (17 digits: a UTC time), then the name. */
function compareFileNames(a: string, b: string): number {
  return (
    prefixValue(a) - prefixValue(b) ||
    a.localeCompare(b, undefined, {
      usage: 'sort',
      numeric: true,
      sensitivity: 'variant',
      ignorePunctuation: true,
    })
  );
}

function prefixValue(name: string): number {
  const prefix = /^\d+/.exec(name)![0];
  if (prefix.length !== 17) return Number(prefix);
  const [y, mo, d, h, mi, s, ms] = [0, 4, 6, 8, 10, 12, 14].map((at, i) =>
    prefix.slice(at, i === 6 ? 17 : at + (i === 0 ? 4 : 2)),
  );
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`).valueOf();
}

/** node-pg-migrate's `.sql` migrations: `-- Up Migration` / `-- Down Migration` sections; no down section: irreversible. */
async function sqlMigration(file: string): Promise<NpmModule> {
  const content = await readFile(file, 'utf8');
  const marker = (direction: string) => new RegExp(`^\\s*--[\\s-]*${direction}\\s+migration`, 'im');
  const upAt = content.search(marker('up'));
  const downAt = content.search(marker('down'));
  const upSql = upAt >= 0 ? content.slice(upAt, downAt < upAt ? undefined : downAt) : content;
  const downSql = downAt >= 0 ? content.slice(downAt, upAt < downAt ? undefined : upAt) : undefined;
  const run = (sql: string) => (pgm: Builder) => void (pgm as unknown as { sql(s: string): void }).sql(sql);
  return { up: run(upSql), down: downSql === undefined ? false : run(downSql) };
}

async function openSession(
  db: ThrowawayDatabase,
  settings: NodePgMigrateSettings,
  entries: Entry[],
  B: BuilderClass,
  log: Logger,
): Promise<MigratorSession> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  client.on('error', () => {}); // a dropped database ends the connection; the step reports it
  const byId = new Map(entries.map((e) => [e.migration.id, e]));
  const say = (...parts: unknown[]) => log.debug(`node-pg-migrate: ${parts.join(' ')}`);
  const logger = { info: say, warn: say, error: say, debug: say };

  async function step(migration: Migration, direction: 'up' | 'down') {
    const entry = byId.get(migration.id);
    if (!entry) throw new ConfigError(`${migration.file}: not in the migrations folder any more`);
    // node-pg-migrate: no down means the up, reversed; `down: false` is never run (irreversible).
    const inferred = entry.module.down === undefined || entry.module.down === entry.module.up;
    const action = direction === 'down' && inferred ? entry.module.up : entry.module[direction];
    if (typeof action !== 'function')
      throw new ConfigError(`${migration.file}: has no ${direction} function`);
    const statements: string[] = [];
    let failed: string | null = null;
    const query = async (sql: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
      const text = typeof sql === 'string' ? sql : sql.text;
      const bound = values ?? (typeof sql === 'string' ? undefined : sql.values);
      const shown = inlineBindings(text, bound, 'dollar', (v) => literal(client, v));
      statements.push(shown);
      try {
        return await client.query(text, bound as unknown[] | undefined);
      } catch (error) {
        failed = shown;
        throw error;
      }
    };
    const run = async () => {
      const pgm = new B(
        { query, select: async (s, v) => (await query(s, v)).rows },
        entry.shorthands,
        settings.decamelize,
        logger,
      );
      if (direction === 'down' && inferred) pgm.enableReverseMode();
      await apply(action, pgm);
      const transaction = pgm.isUsingTransaction();
      if (transaction) await client.query('BEGIN');
      try {
        for (const sql of pgm.getSqlSteps()) await query(sql);
        if (transaction) await client.query('COMMIT');
      } catch (error) {
        if (transaction) await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    };
    return runJsStep({
      db,
      migration,
      direction,
      log,
      statements,
      run,
      failure: (error) => ({
        message: error instanceof Error ? error.message : String(error),
        statement: failed,
        code: failed ? errorCode(error) : null,
        driverError: error,
      }),
    });
  }

  return {
    up: (m) => step(m, 'up'),
    down: (m) => step(m, 'down'),
    async close() {
      await client.end().catch(() => {});
    },
  };
}

/** A value as node-postgres would send it, written as a SQL literal (for showing, never for running). */
function literal(client: pg.Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === 'object') return client.escapeLiteral(JSON.stringify(value));
  return client.escapeLiteral(String(value));
}
