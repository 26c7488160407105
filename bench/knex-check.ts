/**
 * `schemagate check` on the knex bench history, called in-process as the CLI would, timed from
 * the run's start to its results (the migrator, which loads the migration files, is made before).
 * The checkout it runs is a parameter, so that bench/ab-checkouts.ts can run two checkouts of
 * schemagate in one process against one server; bench/run.ts and bench/profile-rehearsal.ts run
 * this one.
 */
import path from 'node:path';
import type { Cleanup } from '../src/databases/cleanup.js';
import { createEmbeddedProvider } from '../src/databases/embedded/embedded-provider.js';
import type { Server } from '../src/databases/provider.js';
import type { Dialect } from '../src/dialects/dialect.js';
import { silentLogger } from '../src/log.js';

/** What a check needs from one checkout's src/ (this one, or another loaded by path). */
export interface Checkout {
  Cleanup: typeof import('../src/databases/cleanup.js').Cleanup;
  createUrlProvider: typeof import('../src/databases/url-provider.js').createUrlProvider;
  postgresDialect: Dialect;
  silentLogger: typeof import('../src/log.js').silentLogger;
  createKnexMigrator: typeof import('../src/migrators/knex.js').createKnexMigrator;
  assembleReport: typeof import('../src/report/assemble.js').assembleReport;
  runCheck: typeof import('../src/run-check.js').runCheck;
  DEFAULT_FAIL_ON: typeof import('../src/vocabulary/fail-on.js').DEFAULT_FAIL_ON;
}

/** An embedded Postgres for a benchmark, stopped by `cleanup`, and the URL of its `postgres` database. */
export async function embeddedBenchServer(cleanup: Cleanup): Promise<{ server: Server; adminUrl: string }> {
  const server = await createEmbeddedProvider(cleanup, silentLogger).start(
    { engine: 'postgres', version: null },
    new AbortController().signal,
  );
  cleanup.add('bench server', () => server.stop());
  const adminDb = await server.createDatabase('admin');
  return { server, adminUrl: adminDb.url.replace(/\/[^/]+$/, '/postgres') };
}

const THIS_CHECKOUT = path.resolve(import.meta.dirname, '..');

/**
 * Loads the modules a check needs from the checkout at `root` (its src/, run through the loader
 * the process was started with, e.g. jiti). Another checkout is typed as this one.
 */
export async function loadCheckout(root = THIS_CHECKOUT): Promise<Checkout> {
  const from = <T>(file: string) => import(path.join(root, 'src', file)) as Promise<T>;
  const [cleanup, url, postgres, log, knex, assemble, run, failOn] = await Promise.all([
    from<typeof import('../src/databases/cleanup.js')>('databases/cleanup.js'),
    from<typeof import('../src/databases/url-provider.js')>('databases/url-provider.js'),
    from<typeof import('../src/dialects/postgres/index.js')>('dialects/postgres/index.js'),
    from<typeof import('../src/log.js')>('log.js'),
    from<typeof import('../src/migrators/knex.js')>('migrators/knex.js'),
    from<typeof import('../src/report/assemble.js')>('report/assemble.js'),
    from<typeof import('../src/run-check.js')>('run-check.js'),
    from<typeof import('../src/vocabulary/fail-on.js')>('vocabulary/fail-on.js'),
  ]);
  return {
    Cleanup: cleanup.Cleanup,
    createUrlProvider: url.createUrlProvider,
    postgresDialect: postgres.postgresDialect,
    silentLogger: log.silentLogger,
    createKnexMigrator: knex.createKnexMigrator,
    assembleReport: assemble.assembleReport,
    runCheck: run.runCheck,
    DEFAULT_FAIL_ON: failOn.DEFAULT_FAIL_ON,
  };
}

export interface KnexCheckOptions {
  /** null: the automatic count. */
  lanes?: number | null;
  /** --rows; 0 is off. */
  rows?: number;
  /** The pull request's migrations (--only-changed); null: all of them. */
  onlyChanged?: string[] | null;
  /** Instead of the checkout's Postgres dialect (profile-rehearsal times its hooks). */
  dialect?: Dialect;
}

/** Milliseconds of one check of the history in `dir` on the server at `adminUrl`; throws unless it passes. */
export async function knexCheck(
  co: Checkout,
  adminUrl: string,
  dir: string,
  options: KnexCheckOptions = {},
): Promise<number> {
  const cleanup = new co.Cleanup();
  const log = co.silentLogger;
  const migrator = await co.createKnexMigrator({ cwd: path.dirname(dir), migrations: [dir], log });
  const dialect = options.dialect ?? co.postgresDialect;
  try {
    const t0 = performance.now();
    const results = await co.runCheck(
      {
        cwd: path.dirname(dir),
        tool: 'knex',
        migrations: [dir],
        engines: [{ engine: 'postgres', version: null }],
        provider: 'url',
        url: adminUrl,
        models: [],
        modelsCommand: null,
        drift: 'fail',
        ignore: [],
        irreversible: 'declared',
        onlyChanged: options.onlyChanged ?? null,
        python: 'python3',
        jsonPath: null,
        markdownPath: null,
        writeMigrationDir: null,
        verbosity: 'quiet',
        timeoutMs: 600_000,
        lanes: options.lanes ?? null,
        rows: options.rows ?? 0,
      },
      {
        provider: co.createUrlProvider([adminUrl], cleanup, log),
        dialectFor: async () => dialect,
        migrator,
        models: null,
        checkDrift: null,
        bookkeepingTables: [],
        cleanup,
        log,
        signal: new AbortController().signal,
      },
    );
    const ms = performance.now() - t0;
    const { report } = co.assembleReport(results, null, { failOn: new Set(co.DEFAULT_FAIL_ON) });
    if (report.status !== 'pass')
      throw new Error(
        `the benchmark history should pass: ${JSON.stringify(report.engines[0]?.migrations.find((m) => m.status !== 'pass'))}`,
      );
    return ms;
  } finally {
    await cleanup.releaseAll();
  }
}
