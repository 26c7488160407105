import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { errorCode, runJsStep } from './js-step.js';
import { inlineBindings } from './knex/inline-bindings.js';
import { loadModule, unwrapDefault } from './load-module.js';
import type { Migration, Migrator, MigratorSession } from './migrator.js';
import { attribution, captureOutput } from './output.js';
import { exported, loadProjectPackage } from './project-package.js';
import { readSequelizeSettings, type SequelizeSettings } from './sequelize/settings.js';

type Step = (queryInterface: unknown, Sequelize: unknown) => unknown;
interface SequelizeModule {
  up?: Step;
  down?: Step;
  /** As in knex: the migration says it cannot be rolled back. */
  irreversible?: boolean;
}
interface Entry {
  migration: Migration;
  module: SequelizeModule;
}

/** The part of a Sequelize instance schemagate uses (Sequelize 5 and 6). */
interface SequelizeInstance {
  getQueryInterface(): unknown;
  authenticate(): Promise<void>;
  close(): Promise<void>;
  escape(value: unknown): string;
}
type SequelizeClass = new (
  database: string,
  username: string,
  password: string | undefined,
  options: object,
) => SequelizeInstance;

/** sequelize-cli's migration files (umzug's pattern in sequelize-cli 6). */
const MIGRATION_FILE = /^(?!.*\.d\.ts$).*\.(cjs|js|cts|ts)$/;

/** Transaction control Sequelize logs around a `sequelize.transaction()`: not the migration's SQL. */
const BOOKKEEPING_SQL =
  /^(start transaction|begin|commit|rollback|savepoint\b|release savepoint\b|rollback to savepoint\b|set (session )?transaction\b|set autocommit\b)/i;

/**
 * Sequelize (sequelize-cli), in process. Migrations are found and ordered as sequelize-cli does
 * (`.sequelizerc`'s `migrations-path`, file name order); each step calls the migration's own
 * `up(queryInterface, Sequelize)` or `down` with the project's own Sequelize, connected to the
 * throwaway database, without a transaction around it (sequelize-cli adds none) and without
 * writing `SequelizeMeta`. The SQL is what Sequelize logged as it sent it.
 */
export async function createSequelizeMigrator(args: {
  cwd: string;
  migrations: string[];
  log: Logger;
}): Promise<Migrator & { settings: SequelizeSettings }> {
  const settings = await readSequelizeSettings(args.cwd, args.migrations);
  let lib: Promise<{ Sequelize: SequelizeClass; exports: unknown }> | null = null;
  const library = () => {
    lib ??= loadProjectPackage(args.cwd, 'sequelize', 'Sequelize').then((ns) => {
      const Sequelize = exported(ns, 'Sequelize');
      if (typeof Sequelize !== 'function') {
        throw new ConfigError(
          'the sequelize installed in the project exports no Sequelize class: install sequelize 6',
        );
      }
      // sequelize-cli passes `require('sequelize')` as the second argument.
      return { Sequelize: Sequelize as SequelizeClass, exports: ns.default ?? ns };
    });
    return lib;
  };
  let entries: Promise<Entry[]> | null = null;
  const load = () => {
    entries ??= list(settings, args.cwd, args.log);
    return entries;
  };
  return {
    tool: 'sequelize',
    capturesExecutedSql: true,
    settings,
    async list() {
      // The package is needed to step anyway: say it is missing before the first migration.
      await library();
      return (await load()).map((e) => e.migration);
    },
    async open(db) {
      return openSession(db, settings, await load(), await library(), args.log);
    },
  };
}

async function list(settings: SequelizeSettings, cwd: string, log: Logger): Promise<Entry[]> {
  const shown = path.relative(cwd, settings.directory) || '.';
  if (!(await stat(settings.directory).catch(() => null))?.isDirectory()) {
    throw new ConfigError(
      `migrations folder ${shown} does not exist: create it, set migrations-path in .sequelizerc, or pass --migrations DIR`,
    );
  }
  const files = (await readdir(settings.directory, { withFileTypes: true }))
    .filter((d) => d.isFile() && MIGRATION_FILE.test(d.name))
    .map((d) => d.name)
    .sort();
  if (files.length === 0) {
    throw new ConfigError(`no migrations in ${shown} (looked for .js, .cjs, .ts and .cts files)`, {
      hint: 'point --migrations at the folder that holds them',
    });
  }
  const entries: Entry[] = [];
  for (const name of files) {
    const absolute = path.join(settings.directory, name);
    const file = path.relative(cwd, absolute).split(path.sep).join('/');
    const module = unwrapDefault(
      await captureOutput(
        () => loadModule(absolute, cwd),
        () => {},
        (line) => log.debug(`${attribution(name, 'load')} ${line}`),
      ),
    ) as SequelizeModule;
    if (typeof module.up !== 'function') {
      throw new ConfigError(
        `${file}: a Sequelize migration must export an up function (module.exports = { async up(queryInterface, Sequelize) { ... } })`,
      );
    }
    const hasDown = typeof module.down === 'function';
    entries.push({
      module,
      migration: {
        id: name,
        name: name.replace(/\.[^.]+$/, ''),
        file,
        reversible: hasDown && module.irreversible !== true,
        irreversibleDeclared: module.irreversible === true,
        ...(hasDown
          ? {}
          : {
              irreversibleHint:
                'add a down(queryInterface, Sequelize) function, or declare it with irreversible: true',
            }),
      },
    });
  }
  return entries;
}

async function openSession(
  db: ThrowawayDatabase,
  settings: SequelizeSettings,
  entries: Entry[],
  lib: { Sequelize: SequelizeClass; exports: unknown },
  log: Logger,
): Promise<MigratorSession> {
  const accepted = ENGINES[db.engine].sequelizeDialects;
  const dialect = settings.dialect && accepted.includes(settings.dialect) ? settings.dialect : accepted[0]!;
  const url = new URL(db.url);
  const bindings = ENGINES[db.engine].knex.bindings;
  // The step being run collects what Sequelize logs; between steps (connecting) nothing is kept.
  let sink: string[] | null = null;
  const logging = (message: string, options?: { bind?: unknown }) => {
    if (!sink) return;
    const sql = message.replace(/^Executing \([^)]*\): /, '');
    if (BOOKKEEPING_SQL.test(sql.trim())) return;
    const bound = Array.isArray(options?.bind) ? options.bind : undefined;
    sink.push(inlineBindings(sql, bound, bindings, (v) => sequelize.escape(v)));
  };
  let sequelize: SequelizeInstance;
  try {
    sequelize = new lib.Sequelize(
      decodeURIComponent(url.pathname.slice(1)),
      decodeURIComponent(url.username),
      url.password ? decodeURIComponent(url.password) : undefined,
      {
        ...settings.options,
        dialect,
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port ? Number(url.port) : ENGINES[db.engine].defaultPort,
        logging,
        benchmark: false,
        pool: { max: 5, min: 0, idle: 1000 },
      },
    );
  } catch (error) {
    throw missingDriver(error, dialect) ?? error;
  }
  try {
    // Connects (and lets Sequelize ask the server's version) before any step records SQL.
    await sequelize.authenticate();
  } catch (error) {
    await sequelize.close().catch(() => {});
    throw missingDriver(error, dialect) ?? error;
  }
  const queryInterface = sequelize.getQueryInterface();
  const byId = new Map(entries.map((e) => [e.migration.id, e]));

  async function step(migration: Migration, direction: 'up' | 'down') {
    const entry = byId.get(migration.id);
    const fn = entry?.module[direction];
    if (!entry || typeof fn !== 'function')
      throw new ConfigError(`${migration.file}: has no ${direction} function`);
    const statements: string[] = [];
    return runJsStep({
      db,
      migration,
      direction,
      log,
      statements,
      run: async () => {
        sink = statements;
        try {
          await fn.call(entry.module, queryInterface, lib.exports);
        } finally {
          sink = null;
        }
      },
      failure: (error) => {
        // Sequelize's DatabaseError carries the driver's error as `parent` and the SQL as `sql`.
        const e = error as { parent?: unknown; original?: unknown; sql?: unknown };
        const driver = e.parent ?? e.original ?? null;
        const ran = typeof e.sql === 'string' && driver !== null;
        return {
          message:
            driver instanceof Error ? driver.message : error instanceof Error ? error.message : String(error),
          statement: ran ? (statements.at(-1) ?? (e.sql as string)) : null,
          code: ran ? errorCode(driver) : null,
          driverError: driver,
        };
      },
    });
  }

  return {
    up: (m) => step(m, 'up'),
    down: (m) => step(m, 'down'),
    async close() {
      await sequelize.close().catch(() => {});
    },
  };
}

/** Sequelize asks for the dialect's driver by name ("Please install pg package manually"). */
function missingDriver(error: unknown, dialect: string): ConfigError | null {
  const message = error instanceof Error ? error.message : String(error);
  const m = /Please install (\S+) package manually/.exec(message);
  if (!m) return null;
  return new ConfigError(
    `Sequelize's ${dialect} dialect needs the ${m[1]} package, which the project does not have: run npm install ${m[1]}`,
    { cause: error },
  );
}
