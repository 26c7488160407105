import { availableParallelism } from 'node:os';
import path from 'node:path';
import { applyModelExclusions } from './checks/drift-exclusions.js';
import { runStepChecks, shardRange } from './checks/lanes.js';
import { openScratch, openWorkspace } from './checks/workspace.js';
import type { Options } from './config/options.js';
import type { Cleanup } from './databases/cleanup.js';
import type { EngineSpec, Provider, Server } from './databases/provider.js';
import { BOOKKEEPING_TABLES, type Dialect } from './dialects/dialect.js';
import { actualEngine as engineOfServer } from './dialects/registry.js';
import { errorMessage, UsageError } from './errors.js';
import type { Logger } from './log.js';
import type { LaneCost, Migration, Migrator } from './migrators/migrator.js';
import type { ModelSource } from './models/model-source.js';
import { hazardOkReader } from './rehearsal/policy.js';
import { changedMigrations, namesMigration } from './report/changed.js';
import { historyDigest } from './report/history-digest.js';
import type { DriftReport, Finding, ShardInfo } from './report/model.js';
import type { EngineResult, RunResults } from './report/results.js';
import { schemaFingerprint } from './schema/fingerprint.js';
import type { EngineName, Schema } from './schema/model.js';

/** Everything the check needs from outside; the entrypoints build the real ones (src/wiring.ts). */
export interface RunDeps {
  provider: Provider;
  dialectFor(engine: EngineName): Promise<Dialect>;
  migrator: Migrator;
  /** Builds the models' schema for drift, or null when no models are configured. */
  models: ModelSource | null;
  /** Compares the migrated schema with the models' schema. */
  checkDrift:
    | ((args: { migrated: Schema; models: Schema; source: string }) => DriftReport | Promise<DriftReport>)
    | null;
  /**
   * `--write-migration`: writes the drift as a migration and returns its path (null when there is
   * nothing to write). Called once per engine that has drift; absent or null when not asked for.
   */
  writeMigration?:
    | ((args: { migrated: Schema; models: Schema; source: string }) => Promise<string | null>)
    | null;
  /** Table names the migration tool keeps its own records in (never compared). */
  bookkeepingTables: string[];
  cleanup: Cleanup;
  log: Logger;
  signal: AbortSignal;
  now?: () => number;
}

/**
 * The pipeline: start every engine's server at once (overlapping with discovery), step through the
 * migrations on each engine in parallel, build the models for drift, and return what the checks
 * found (the caller builds the Report from it: report/assemble.ts). Throws only for what stopped
 * the check itself (exit 2); failed checks are in the results.
 */
export async function runCheck(options: Options, deps: RunDeps): Promise<RunResults> {
  const now = deps.now ?? Date.now;
  const started = now();
  const startedAt = new Date(started).toISOString();

  // What the migrator and the models keep between calls (idle drivers) ends with the run.
  const { migrator, models } = deps;
  if (migrator.release) deps.cleanup.add(`${migrator.tool} driver`, () => migrator.release!());
  if (models?.release) deps.cleanup.add('models driver', () => models.release!());

  // Servers first: a container or an initdb takes longer than reading the migrations.
  const servers = options.engines.map((spec) => startServer(deps, spec));
  // Don't leave a rejection unobserved while discovery runs; each one is awaited below.
  for (const s of servers) s.catch(() => {});

  // Preflight: everything that can stop the run is found before the first migration runs.
  let migrations: Migration[];
  let toolFindings: Awaited<ReturnType<NonNullable<Migrator['findings']>>>;
  let notes: string[];
  let modelsNote: string | null;
  let fullRoundTrip: Set<string> | null;
  // Loading the models (an Alembic project's Python) overlaps with listing the migrations.
  const modelsChecked = deps.models?.preflight?.(deps.signal) ?? Promise.resolve(null);
  modelsChecked.catch(() => {});
  try {
    migrations = await deps.migrator.list();
    toolFindings = (await deps.migrator.findings?.()) ?? [];
    notes = (await deps.migrator.notes?.()) ?? [];
    modelsNote = await modelsChecked;
    fullRoundTrip =
      options.onlyChanged === null ? null : selectChanged(options, migrations, options.onlyChanged);
  } catch (error) {
    // Let the servers that are still starting finish and register, so the caller's cleanup
    // stops them; otherwise a server would come up after the cleanup ran and be left behind. The
    // models' preflight ends too, so its Python process is gone before the run returns.
    await Promise.allSettled([...servers, modelsChecked]);
    throw error;
  }
  const runFindings: Finding[] = [];
  const skipped =
    options.drift === 'off'
      ? options.surface === 'action'
        ? "the 'drift' input is off"
        : '--drift off'
      : modelsNote;
  if (skipped) {
    runFindings.push({
      kind: 'drift-skipped',
      severity: 'warning',
      message: `drift was not checked: ${skipped}`,
    });
    deps.log.info(`drift is not checked: ${skipped}`);
  }
  const engineDeps: RunDeps = modelsNote ? { ...deps, models: null, checkDrift: null } : deps;

  const engines = await Promise.all(
    options.engines.map((spec, index) =>
      checkEngine(options, engineDeps, spec, servers[index]!, migrations, fullRoundTrip),
    ),
  );

  const findings: Finding[] = [...toolFindings.map((f) => ({ ...f })), ...runFindings];
  return {
    tool: deps.migrator.tool,
    cwd: options.cwd,
    startedAt,
    durationMs: now() - started,
    engines,
    findings,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

async function startServer(deps: RunDeps, spec: EngineSpec): Promise<Server> {
  const server = await deps.provider.start(spec, deps.signal);
  // Registered so that an interrupted run stops it; server.stop() is idempotent.
  deps.cleanup.add(server.label, () => server.stop());
  return server;
}

/** MySQL URLs may point at a MariaDB server: the server's own version decides the dialect. */
export function actualEngine(server: Server): EngineName {
  return engineOfServer(server.engine, server.serverVersion);
}

async function checkEngine(
  options: Options,
  deps: RunDeps,
  spec: EngineSpec,
  serverPromise: Promise<Server>,
  migrations: Migration[],
  fullRoundTrip: Set<string> | null,
): Promise<EngineResult> {
  const now = deps.now ?? Date.now;
  const server = await serverPromise;
  const started = now();
  const engine = actualEngine(server);
  const dialect = await deps.dialectFor(engine);
  const label = `${engine} ${server.serverVersion}`;
  const excludeTables = [...BOOKKEEPING_TABLES, ...deps.bookkeepingTables];
  deps.log.progress(`[${label}] ${migrations.length} migration(s) on ${server.label}`);
  const findings: Finding[] = [];
  const mismatch = versionMismatch(spec, server.serverVersion);
  if (mismatch) {
    deps.log.warn(mismatch);
    findings.push({ kind: 'engine-version', severity: 'warning', message: mismatch });
  }

  // A shard checks its part of the history; drift belongs to the end of it, so only the last one
  // builds the models (the others' reports have no drift, and merge takes the last one's).
  const part = options.shard ? shardRange(migrations.length, options.shard) : undefined;
  const driftHere = !options.shard || options.shard.index === options.shard.count;
  const modelsSchema =
    deps.models && driftHere ? buildModels(deps, server, dialect, excludeTables, label) : null;
  modelsSchema?.catch(() => {});

  const steps = await runStepChecks({
    migrations,
    openWorkspace: () =>
      openWorkspace({
        server,
        dialect,
        migrator: deps.migrator,
        excludeTables,
        purpose: 'migrations',
        track: true,
        rows: options.rows ?? 0,
      }),
    openScratch: () => openScratch({ server, dialect, excludeTables }),
    tool: deps.migrator.tool,
    fullRoundTrip,
    irreversible: options.irreversible,
    capturesExecutedSql: deps.migrator.capturesExecutedSql === true,
    log: deps.log,
    signal: deps.signal,
    label,
    // `--lanes N` is the user's; the automatic count follows what a lane costs with the tool.
    lanes:
      options.lanes ?? automaticLanes(options.engines.length, availableParallelism(), deps.migrator.lanes),
    ...(options.lanes || !deps.migrator.lanes
      ? {}
      : { minMigrationsPerLane: deps.migrator.lanes.minMigrations }),
    ...(part ? { part } : {}),
    hazards: { smallTables: new Set(options.smallTables ?? []), acceptedIn: hazardOkReader(options.cwd) },
  });

  let drift: DriftReport | null = null;
  if (modelsSchema && deps.models && deps.checkDrift) {
    const models = await modelsSchema;
    if (steps.finalSchema) {
      // The project's own filters (env.py's include_name / include_object) first, then --ignore.
      const kept = await applyModelExclusions(deps.models, steps.finalSchema, models, deps.signal);
      findings.push(...kept.findings);
      const args = { migrated: kept.migrated, models: kept.models, source: deps.models.describe };
      drift = await deps.checkDrift(args);
      if (drift.differences.length > 0 && deps.writeMigration) {
        const file = await deps.writeMigration(args);
        if (file) drift = { ...drift, migrationFile: path.relative(options.cwd, file) || file };
      }
    } else {
      findings.push({
        kind: 'drift-skipped',
        severity: 'warning',
        message: 'drift was not checked: the migrations did not all apply',
      });
    }
  }

  await server.stop();
  const shard: ShardInfo | null =
    options.shard && part
      ? {
          ...options.shard,
          ...part,
          total: migrations.length,
          history: historyDigest(migrations.map((m) => m.id)),
          start: steps.startSchema ? schemaFingerprint(steps.startSchema) : null,
          end: steps.finalSchema ? schemaFingerprint(steps.finalSchema) : null,
        }
      : null;
  return {
    engine,
    version: server.serverVersion,
    provider: deps.provider.name,
    durationMs: now() - started,
    migrations: steps.migrations,
    drift,
    findings,
    ...(shard ? { shard } : {}),
  };
}

/**
 * Lanes per engine when not set: the cores shared among the engines, divided by the cores a lane
 * of the tool keeps busy (Migrator.lanes; one by default), at most 4 (each lane is a client
 * process share and a server backend; past that the server's own work dominates).
 */
export function automaticLanes(
  engines: number,
  cores = availableParallelism(),
  cost: Pick<LaneCost, 'coresPerLane'> = { coresPerLane: 1 },
): number {
  const perEngine = Math.floor(cores / Math.max(1, engines));
  return Math.max(1, Math.min(4, Math.floor(perEngine / Math.max(1, cost.coresPerLane))));
}

async function buildModels(
  deps: RunDeps,
  server: Server,
  dialect: Dialect,
  excludeTables: string[],
  label: string,
): Promise<Schema> {
  const db = await server.createDatabase('models');
  try {
    deps.log.progress(`[${label}] building the models (${deps.models!.describe})`);
    await deps.models!.build(db, deps.signal);
    const introspector = await dialect.introspector(db.url, { excludeTables });
    try {
      return await introspector.snapshot();
    } finally {
      await introspector.close();
    }
  } finally {
    await db.drop().catch((error) => deps.log.warn(`could not drop ${db.name}: ${errorMessage(error)}`));
  }
}

/**
 * `only-changed` entries match a migration's id, name or file (report/changed.ts, the matcher the
 * report's `changed` uses too). From the CLI every entry must match one (a typo would otherwise turn
 * the round trip off without a word); the Action passes the pull request's changed files, most of
 * which are no migration.
 */
function selectChanged(options: Options, migrations: Migration[], changed: string[]): Set<string> {
  if (options.surface !== 'action') {
    const unknown = changed.find((c) => !migrations.some((m) => namesMigration(m, c)));
    if (unknown !== undefined) {
      const example = migrations[0] ? ` (e.g. ${migrations[0].name})` : '';
      throw new UsageError(
        `--only-changed ${unknown}: matches no migration; give a migration's id, name or file${example}`,
      );
    }
  }
  return changedMigrations(migrations, changed);
}

/**
 * The server a URL points at runs what it runs: a version asked for that it does not run is said
 * once (the report always shows the server's real version).
 */
export function versionMismatch(spec: EngineSpec, serverVersion: string): string | null {
  const wanted = spec.version;
  if (!wanted) return null;
  const actual = /^\d+(\.\d+)*/.exec(serverVersion)?.[0] ?? serverVersion;
  if (actual === wanted || actual.startsWith(`${wanted}.`)) return null;
  return `${spec.engine}:${wanted} was asked for, but the server runs ${serverVersion}: checking on ${serverVersion} (point the URL at a ${spec.engine} ${wanted} server, or drop the version)`;
}
