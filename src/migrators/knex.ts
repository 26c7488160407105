import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { ConfigError, MigrationError, serverDiagnostics } from '../errors.js';
import type { Logger } from '../log.js';
import { maskerFor } from '../models/command-models.js';
import { inlineBindings } from './knex/inline-bindings.js';
import { type KnexSettings, readKnexSettings } from './knex/knexfile.js';
import { sourceFile } from './knex/source-file.js';
import { loadModule } from './load-module.js';
import type { Migration, Migrator, MigratorSession, StepResult } from './migrator.js';
import { attribution, captureOutput, type StepOutput } from './output.js';

interface KnexMigrationModule {
  up?: (knex: Knex) => unknown;
  down?: (knex: Knex) => unknown;
  config?: { transaction?: boolean };
  irreversible?: boolean;
  /** TypeScript compiled to CommonJS puts everything under `default`. */
  default?: KnexMigrationModule;
}

interface Entry {
  migration: Migration;
  module: KnexMigrationModule;
}

/**
 * knex, in process. Discovery follows knex's own rules (directories, loadExtensions, sort order,
 * sortDirsSeparately, custom migrationSource); each step calls the migration's own up or down in
 * its own transaction, as knex would, but without knex's bookkeeping (lock and history tables),
 * which would roughly double the cost of every step and is not schema.
 */
export async function createKnexMigrator(args: {
  cwd: string;
  migrations: string[];
  log: Logger;
}): Promise<Migrator & { settings: KnexSettings }> {
  const settings = await readKnexSettings(args.cwd, args.migrations);
  let entries: Entry[] | null = null;
  const load = async () => {
    entries ??= settings.migrationSource
      ? await listFromSource(settings, args.cwd, args.log)
      : await listFromDirectories(settings, args.cwd, args.log);
    return entries;
  };
  return {
    tool: 'knex',
    capturesExecutedSql: true,
    settings,
    async list() {
      return (await load()).map((e) => e.migration);
    },
    async open(db) {
      return openSession(db, settings, await load(), args.log);
    },
  };
}

/** Loads a migration module with what its top level prints attributed (`[name load] ...`, debug). */
function loadQuietly<T>(name: string, log: Logger, load: () => Promise<T>): Promise<T> {
  return captureOutput(
    load,
    () => {},
    (line) => log.debug(`${attribution(name, 'load')} ${line}`),
  );
}

async function listFromDirectories(settings: KnexSettings, cwd: string, log: Logger): Promise<Entry[]> {
  const found: { file: string; directory: string }[] = [];
  for (const directory of settings.directories) {
    const shown = displayPath(cwd, directory);
    const info = await stat(directory).catch(() => null);
    if (!info?.isDirectory()) {
      throw new ConfigError(`migrations folder ${shown} does not exist: create it or pass --migrations DIR`);
    }
    let files = (await readdir(directory, { withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name);
    if (settings.sortDirsSeparately) files = files.sort();
    for (const file of files) found.push({ file, directory });
  }
  // knex sorts by file name across all folders (lodash sortBy: stable, code-unit order) unless
  // sortDirsSeparately, then keeps only the configured extensions.
  const ordered = settings.sortDirsSeparately ? found : stableSortBy(found, (f) => f.file);
  const selected = ordered.filter((f) => settings.loadExtensions.includes(path.extname(f.file)));
  if (selected.length === 0) {
    const where = settings.directories.map((d) => displayPath(cwd, d)).join(', ');
    throw new ConfigError(
      `no migrations in ${where} (looked for ${settings.loadExtensions.filter((e) => ['.js', '.cjs', '.mjs', '.ts'].includes(e)).join(', ')} files)`,
      { hint: 'point --migrations at the folder that holds them' },
    );
  }
  const entries: Entry[] = [];
  for (const f of selected) {
    const absolute = path.join(f.directory, f.file);
    const module = (await loadQuietly(f.file, log, () => loadModule(absolute, cwd))) as KnexMigrationModule;
    entries.push(describe(f.file, path.relative(cwd, absolute).split(path.sep).join('/'), module));
  }
  return entries;
}

async function listFromSource(settings: KnexSettings, cwd: string, log: Logger): Promise<Entry[]> {
  const source = settings.migrationSource!;
  const items = await source.getMigrations(settings.loadExtensions);
  if (items.length === 0) throw new ConfigError('the knexfile migrationSource returned no migrations');
  const entries: Entry[] = [];
  const fallback = (name: string) =>
    settings.knexfile ? path.relative(cwd, settings.knexfile).split(path.sep).join('/') : name;
  for (const item of items) {
    const name = source.getMigrationName(item);
    const module = (await loadQuietly(name, log, async () =>
      source.getMigration(item),
    )) as KnexMigrationModule;
    // Each migration points at its own file whenever the source's item tells where it is.
    const file = sourceFile(item, name, settings);
    entries.push(
      describe(name, file ? displayPath(cwd, file).split(path.sep).join('/') : fallback(name), module),
    );
  }
  return entries;
}

function describe(name: string, file: string, mod: KnexMigrationModule): Entry {
  const module = (
    typeof mod.up !== 'function' && mod.default && typeof mod.default === 'object' ? mod.default : mod
  ) as KnexMigrationModule;
  if (typeof module.up !== 'function') {
    throw new ConfigError(
      `${file}: a knex migration must export an up function (exports.up = async (knex) => ...)`,
    );
  }
  const hasDown = typeof module.down === 'function';
  return {
    module,
    migration: {
      id: name,
      name: name.replace(/\.[^.]+$/, ''),
      file,
      reversible: hasDown && module.irreversible !== true,
      irreversibleDeclared: module.irreversible === true,
      ...(hasDown
        ? {}
        : { irreversibleHint: 'add exports.down, or declare it with exports.irreversible = true' }),
    },
  };
}

/** Relative to the project when inside it, absolute otherwise (`../../x` helps nobody). */
function displayPath(cwd: string, target: string): string {
  const relative = path.relative(cwd, target);
  return relative === '' ? '.' : relative.startsWith('..') ? target : relative;
}

function stableSortBy<T>(items: T[], key: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.index - b.index))
    .map((x) => x.item);
}

const BOOKKEEPING_SQL = /^(begin|commit|rollback|savepoint\b|release savepoint\b|rollback to savepoint\b)/i;

async function openSession(
  db: ThrowawayDatabase,
  settings: KnexSettings,
  entries: Entry[],
  log: Logger,
): Promise<MigratorSession> {
  const mask = maskerFor(db);
  const engine = ENGINES[db.engine].knex;
  const knex = knexFactory({
    client: engine.client,
    connection: engine.connection(db.url),
    ...(engine.searchPath && settings.searchPath ? { searchPath: settings.searchPath } : {}),
    pool: { min: 0, max: 2 },
  });
  const byId = new Map(entries.map((e) => [e.migration.id, e]));
  const literal = (value: unknown) => knex.raw('?', [value as Knex.Value]).toQuery();

  async function step(migration: Migration, direction: 'up' | 'down'): Promise<StepResult> {
    const entry = byId.get(migration.id);
    const fn = entry?.module[direction];
    if (!entry || typeof fn !== 'function') {
      throw new ConfigError(`${migration.file}: has no ${direction} function`);
    }
    const statements: string[] = [];
    let failed: { sql: string; code: string | null } | null = null;
    const onQuery = (q: { sql: string; bindings?: unknown[] }) => {
      if (!BOOKKEEPING_SQL.test(q.sql.trim()))
        statements.push(inlineBindings(q.sql, q.bindings, engine.bindings, literal));
    };
    const onError = (error: { code?: string }, q: { sql: string; bindings?: unknown[] }) => {
      failed = {
        sql: inlineBindings(q.sql, q.bindings, engine.bindings, literal),
        code: error?.code ?? null,
      };
    };
    knex.on('query', onQuery);
    knex.on('query-error', onError);
    let printed: StepOutput = { output: [] };
    const keep = (o: StepOutput) => {
      printed = { output: o.output.map(mask), outputOmitted: o.outputOmitted };
    };
    const live = (line: string) => log.debug(`${attribution(migration.name, direction)} ${mask(line)}`);
    try {
      const setting = entry.module.config?.transaction;
      const useTransaction = typeof setting === 'boolean' ? setting : !settings.disableTransactions;
      await captureOutput(
        async () => {
          if (useTransaction) await knex.transaction(async (trx) => void (await fn.call(entry.module, trx)));
          else await fn.call(entry.module, knex);
        },
        keep,
        live,
      );
      return { statements, ...printed };
    } catch (error) {
      const f = failed as { sql: string; code: string | null } | null;
      throw new MigrationError(stripSqlPrefix(error), f?.sql ?? null, f?.code ?? codeOf(error), {
        cause: error,
        // The query event fired for the failing statement too; it is reported as `statement`.
        executed: f && statements.at(-1) === f.sql ? statements.slice(0, -1) : statements,
        ...serverDiagnostics(error),
        ...printed,
      });
    } finally {
      knex.off('query', onQuery);
      knex.off('query-error', onError);
    }
  }

  return {
    up: (m) => step(m, 'up'),
    down: (m) => step(m, 'down'),
    async close() {
      await knex.destroy();
    },
  };
}

/** knex prefixes driver errors with the SQL (`select nope - column "nope" does not exist`). */
function stripSqlPrefix(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.lastIndexOf(' - ');
  return at >= 0 && (error as { code?: string }).code ? message.slice(at + 3) : message;
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : null;
}
