import type { Options } from '../config/options.js';
import { SchemagateError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Migration } from '../migrators/migrator.js';
import { recordOutput } from '../migrators/output.js';
import type { CheckResult } from '../report/model.js';
import type { MigrationResult } from '../report/results.js';
import { diff } from '../schema/diff.js';
import { applyScope, type Schema, type Scope } from '../schema/model.js';
import { compare, severityOf, unchangedInFull } from './compare.js';
import { summarise } from './difference-text.js';
import { type FixContext, fixForFailedDown, fixForRoundTrip } from './down-fix.js';
import { dataCheck, locksCheck, RehearsalFindings } from './rehearsal-checks.js';
import {
  failure,
  ran,
  reportLeftBehind,
  rethrowIfNotMigration,
  sameDeterministicSql,
  statementsOf,
} from './step-outcomes.js';
import type { ScratchDatabase, Workspace } from './workspace.js';

/**
 * The migration checks (README "What is compared" and ARCHITECTURE.md). For m1..mn with S0 the empty schema:
 * up on S(i-1); round trip: down must give S(i-1) back; re-apply: a second up must succeed and give
 * S(i). Each step's snapshot covers only what the step touched (from the change tracker); the full
 * snapshot is kept for the start, the end, and any mismatch, which is re-checked in full before it
 * is reported, so a scoping mistake can cost time but never a wrong verdict.
 */
export interface StepCheckArgs {
  migrations: Migration[];
  /** Opens a fresh database; called again to recover after a failure left the database in an unknown state. */
  openWorkspace: () => Promise<Workspace>;
  /** Migration ids that get the full round trip; null means all. */
  fullRoundTrip: Set<string> | null;
  irreversible: Options['irreversible'];
  /** The migrator's statements are what really ran (Migrator.capturesExecutedSql). */
  capturesExecutedSql: boolean;
  log: Logger;
  signal: AbortSignal;
  /** Prefix for progress lines, e.g. `postgres 17.6`. */
  label: string;
  /**
   * How many lanes may check parts of the history at once, each on its own database (lanes.ts);
   * 1 checks everything in order on one database.
   */
  lanes: number;
  /** The fewest migrations a lane may have (default lanes.ts MIN_MIGRATIONS_PER_LANE). */
  minMigrationsPerLane?: number;
  /**
   * `--shard I/N`: check only migrations [from, to), after applying the ones before `from` up,
   * unchecked (lanes.ts shardRange); absent: all of them.
   */
  part?: { from: number; to: number };
  /**
   * The rehearsal's policy (when the workspaces rehearse with rows): tables known to be small, and
   * how to read a migration's `schemagate:hazard-ok` reason.
   */
  hazards: { smallTables: ReadonlySet<string>; acceptedIn: (file: string) => Promise<string | null> };
  /**
   * A bare database on the same server, to try a down's fix on where DDL cannot be rolled back
   * (down-fix.ts); without it such fixes are reported unproven.
   */
  openScratch?: () => Promise<ScratchDatabase>;
  /** The migration tool (Migrator.tool): knex and Alembic get a down's fix as code too. */
  tool?: string;
}

export interface StepCheckResult {
  /** One per migration, in order; the ones that did not run have no checks. */
  migrations: MigrationResult[];
  /** Schema after the last migration that applied (for drift), or null when the first one failed. */
  finalSchema: Schema | null;
  /** True when a step failed so that later migrations could not run. */
  stopped: boolean;
  /** The full schema the first migration checked started from; null when the ones before it failed. */
  startSchema: Schema | null;
}

/** Where a lane of migrations ended: its workspace (still open) and the schema it holds. */
export interface LaneEnd {
  ws: Workspace;
  /** The full schema after the lane's last migration; meaningless when stopped. */
  schema: Schema;
  /** A step failed so that the migrations after it could not run. */
  stopped: boolean;
  /** What the lane's checks found, one per migration it ran (from its range's start, in order). */
  results: MigrationResult[];
}

/** A migration's result before any check ran. */
export function newResult(migration: Migration, args: Pick<StepCheckArgs, 'fullRoundTrip'>): MigrationResult {
  return {
    id: migration.id,
    name: migration.name,
    file: migration.file,
    changed: args.fullRoundTrip === null || args.fullRoundTrip.has(migration.id),
    checks: [],
    sql: { up: [], down: [] },
  };
}

/**
 * Checks migrations [from, to) in `ws`, which holds `schema` (the schema before `from`), and
 * returns what it found. Returns the workspace it ended in (a failure may have replaced it), still
 * open; closes it when it throws.
 */
export async function checkRange(
  args: StepCheckArgs,
  range: { from: number; to: number },
  start: { ws: Workspace; schema: Schema },
): Promise<LaneEnd> {
  const results: MigrationResult[] = [];
  let ws = start.ws;
  let current = start.schema;
  // Which tables may be empty before the next rehearsed up: all of them at the start of a range (a
  // lane's fast-forward seeds nothing), then what the last step touched.
  let seedScope: Scope = { all: true };
  try {
    for (let i = range.from; i < range.to; i++) {
      args.signal.throwIfAborted();
      const migration = args.migrations[i]!;
      const entry = newResult(migration, args);
      results.push(entry);
      const step = (what: string) =>
        args.log.progress(`[${args.label}] ${i + 1}/${args.migrations.length} ${migration.name}: ${what}`);
      const rehearse = ws.rehearsal !== null && entry.changed;
      let outcome = await checkOne({
        ws,
        migration,
        entry,
        before: current,
        step,
        args,
        rehearse,
        seedScope,
      });
      if (outcome.kind === 'unseeded') {
        // The up failed on tables with rows. Whether the rows are the cause is measured, not guessed:
        // the same up on the same schema with empty tables. If that passes, the migration fails in
        // production only where tables hold data (a `data` failure) and is checked on as usual.
        step('up failed on tables with rows; trying it on empty tables');
        await ws.close();
        ws = await args.openWorkspace();
        const rebuilt = await fastForward(ws, args.migrations.slice(0, i), args.signal);
        if (rebuilt === null) return { ws, schema: current, stopped: true, results };
        current = rebuilt;
        const onRows = outcome.failure;
        outcome = await checkOne({
          ws,
          migration,
          entry,
          before: current,
          step,
          args,
          rehearse: false,
          onRows,
        });
      }
      // After an up that was not rehearsed, or a rebuild, any table may be empty.
      seedScope = outcome.kind === 'ok' && rehearse ? outcome.touched : { all: true };
      if (outcome.kind === 'unseeded') throw new Error('an up on empty tables is not retried');
      if (outcome.kind === 'stop') return { ws, schema: current, stopped: true, results };
      if (outcome.kind === 'recover') {
        // The database no longer holds a known schema: rebuild it from scratch up to this migration
        // so the next migrations are judged on their own merits.
        step('rebuilding a clean database for the migrations after this one');
        await ws.close();
        ws = await args.openWorkspace();
        const rebuilt = await fastForward(ws, args.migrations.slice(0, i + 1), args.signal);
        if (rebuilt === null) return { ws, schema: current, stopped: true, results };
        current = rebuilt;
        continue;
      }
      current = outcome.schema;
    }
    // The end is always checked in full: it is what drift compares (and what the next lane must
    // have started from), and it proves the scoped snapshots along the way added up to the real schema.
    const full = await ws.snapshot();
    const missed = diff(current, full);
    if (missed.length > 0) {
      args.log.debug(`scoped snapshots missed ${missed.length} change(s); using the full snapshot`);
    }
    return { ws, schema: full, stopped: false, results };
  } catch (error) {
    await ws.close();
    throw error;
  }
}

/** What a mismatch is called: `warn` when only column order differs (compare.ts). */
const ROUND_TRIP_MISMATCH = {
  fail: 'down does not restore the schema before up',
  warn: 'down restores the columns but not their order',
} as const;
const REAPPLY_MISMATCH = {
  fail: 'the second up gives a different schema than the first',
  warn: 'the second up gives the same columns in another order',
} as const;

type Outcome =
  | { kind: 'ok'; schema: Schema; touched: Scope }
  | { kind: 'recover' }
  | { kind: 'stop' }
  /** The up failed on seeded tables: step-check retries it on empty ones (`failure` is the `data` check). */
  | { kind: 'unseeded'; failure: CheckResult };

async function checkOne(ctx: {
  ws: Workspace;
  migration: Migration;
  /** This migration's result, filled in as the steps run (the retry on empty tables goes on in it). */
  entry: MigrationResult;
  before: Schema;
  step: (what: string) => void;
  args: StepCheckArgs;
  /** Rehearse this migration with rows (ws.rehearsal is set and the migration is checked in full). */
  rehearse: boolean;
  /** Tables that may have become empty since the last rehearsed up (seeded before this one). */
  seedScope?: Scope;
  /** The `data` failure of this up on tables with rows, when this is the retry on empty tables. */
  onRows?: CheckResult;
}): Promise<Outcome> {
  const { ws, migration, entry, before, step, args } = ctx;
  const checks = entry.checks;
  const rehearsal = ctx.rehearse ? ws.rehearsal : null;
  const found = new RehearsalFindings();
  let touched: Scope = { all: true };
  const finish = async (
    outcome: { kind: 'ok'; schema: Schema } | { kind: 'recover' } | { kind: 'stop' },
  ): Promise<Outcome> => {
    if (rehearsal) {
      await rehearsal.finish();
      checks.push(dataCheck(found));
      const accepted = found.hazards.length > 0 ? await args.hazards.acceptedIn(migration.file) : null;
      checks.push(locksCheck(found, { smallTables: args.hazards.smallTables, accepted }));
    }
    return outcome.kind === 'ok' ? { ...outcome, touched } : outcome;
  };

  // up. The seed (rows only, on the rehearsal's own connection) and the tracker's reset (catalogs,
  // on the workspace's) do not see each other's work, so they go out together.
  if (rehearsal) {
    step('seeding rows');
    const [seeded] = await Promise.all([
      rehearsal.seed(before, ctx.seedScope?.all === false ? scopeTables(ctx.seedScope) : null),
      ws.begin(),
    ]);
    for (const s of seeded.skipped) args.log.debug(`[${args.label}] ${s.table} left empty: ${s.reason}`);
    await rehearsal.beforeUp(before);
    step('up');
  } else {
    step('up');
    await ws.begin();
  }
  // What the first up really sent the server, for the re-apply's fingerprint (null: not known).
  let firstRan: string[] | null = null;
  try {
    const result = await ws.session.up(migration);
    entry.sql.up = result.statements;
    firstRan = ran(result, args.capturesExecutedSql);
    recordOutput(entry, 'up', result);
  } catch (error) {
    rethrowIfNotMigration(error, args.signal);
    if (rehearsal)
      return { kind: 'unseeded', failure: failure('data', 'up fails on tables with rows', error) };
    recordOutput(entry, 'up', error);
    const failed = failure('up', 'up failed', error);
    checks.push(failed);
    entry.sql.up = statementsOf(error);
    await reportLeftBehind(ws, before, failed);
    return finish({ kind: 'stop' });
  }
  // The rehearsal's read of what the up measured overlaps the snapshot (two connections).
  const [afterUpSeen, upMeasured] = await Promise.all([
    ws.snapshotTouched(),
    rehearsal ? rehearsal.afterUp(entry.sql.up) : null,
  ]);
  touched = afterUpSeen.scope;
  const afterUp = applyScope(before, afterUpSeen.schema, afterUpSeen.scope);
  checks.push({ check: 'up', status: 'pass' });
  if (ctx.onRows) checks.push(ctx.onRows);
  if (upMeasured) found.add(upMeasured);

  if (!entry.changed) return finish({ kind: 'ok', schema: afterUp });

  // A tool without downs: the up's checks are all there is, and the report's note says so once.
  if (migration.upOnly) {
    found.dataSkipped = 'no down';
    return finish({ kind: 'ok', schema: afterUp });
  }

  // irreversible: declared ones are not run down; undeclared ones are found below by their effect
  if (!migration.reversible) {
    const declared = migration.irreversibleDeclared === true;
    const allowed = args.irreversible === 'all' || (args.irreversible === 'declared' && declared);
    checks.push({
      check: 'irreversible',
      status: allowed ? 'warn' : 'fail',
      message: declared
        ? `declared irreversible${declaredReason(migration)}: down and re-apply were not run`
        : `has no down: it cannot be rolled back (${migration.irreversibleHint ?? 'write one, or declare the migration irreversible'})`,
    });
    checks.push({ check: 'round-trip', status: 'skip', message: 'no down' });
    checks.push({ check: 're-apply', status: 'skip', message: 'no down' });
    found.dataSkipped = 'no down';
    return finish({ kind: 'ok', schema: afterUp });
  }

  // round trip. No reset before down or the re-apply: the tracker's record accumulates, so what it
  // reports after down is up ∪ down and after the re-apply up ∪ down ∪ up, exactly the scopes the
  // comparisons need, for one reset per migration instead of three.
  step('down');
  try {
    const result = await ws.session.down(migration);
    entry.sql.down = result.statements;
    recordOutput(entry, 'down', result);
  } catch (error) {
    rethrowIfNotMigration(error, args.signal);
    recordOutput(entry, 'down', error);
    const failed = failure('round-trip', 'down failed', error);
    checks.push(failed);
    entry.sql.down = statementsOf(error);
    step('writing and trying a down that works');
    failed.fix = await fixForFailedDown(fixContext(ws, args), afterUp, before, failed.error);
    checks.push({ check: 're-apply', status: 'skip', message: 'down failed' });
    found.dataSkipped = 'down failed';
    return finish({ kind: 'recover' });
  }
  const seenAfterDown = (async () => {
    const afterDown = await ws.snapshotTouched();
    return { afterDown, roundTrip: await compare(ws, before, afterDown) };
  })();
  const [{ afterDown, roundTrip }, measured] = await Promise.all([
    seenAfterDown,
    rehearsal
      ? rehearsal.afterDown(
          seenAfterDown.then((seen) => ({
            before,
            afterDown: applyScope(before, seen.afterDown.schema, seen.afterDown.scope),
            up: entry.sql.up,
            down: entry.sql.down,
            restored: seen.roundTrip.length === 0,
          })),
        )
      : null,
  ]);
  touched = afterDown.scope;
  if (measured) {
    found.add(measured);
    found.lost = measured.lost;
  }
  // A down that runs no SQL cannot undo an up that changed the schema; judged by effect, not by
  // statement count: an up that changed data only (a backfill, a SELECT) left the schema as it was,
  // and the empty down restores it. (An up that ran nothing, like some of Django's own state-only
  // migrations, has nothing to undo.)
  const emptyDown = entry.sql.down.length === 0 && entry.sql.up.length > 0;
  const dataOnly = emptyDown && roundTrip.length === 0 && (await unchangedInFull(ws, before, afterDown));
  if (emptyDown && !dataOnly) {
    const allowed = args.irreversible === 'all';
    checks.push({
      check: 'irreversible',
      status: allowed ? 'warn' : 'fail',
      message: `down runs no SQL: it cannot roll back what up did (${migration.irreversibleHint ?? 'write the down, or declare the migration irreversible'})`,
    });
  }
  if (roundTrip.length > 0) {
    const mismatch: CheckResult = {
      check: 'round-trip',
      status: severityOf(roundTrip),
      message: `${ROUND_TRIP_MISMATCH[severityOf(roundTrip)]}: ${summarise(roundTrip, 'before up', 'after down')}`,
      differences: roundTrip,
    };
    checks.push(mismatch);
    // Only here, when the round trip failed, does the fix cost anything (down-fix.ts).
    step('writing and trying the fix for the down');
    mismatch.fix = await fixForRoundTrip(fixContext(ws, args), before);
  } else if (dataOnly) {
    checks.push({
      check: 'round-trip',
      status: 'pass',
      message: 'up changed data only (the schema is unchanged), so a down that runs no SQL restores it',
    });
  } else {
    checks.push({ check: 'round-trip', status: 'pass' });
  }

  // re-apply
  step('up again');
  let second: string[] | null;
  try {
    const result = await ws.session.up(migration);
    second = ran(result, args.capturesExecutedSql);
    recordOutput(entry, 'up again', result);
    if (rehearsal) found.add(await rehearsal.afterReapply(entry.sql.down));
  } catch (error) {
    rethrowIfNotMigration(error, args.signal);
    recordOutput(entry, 'up again', error);
    checks.push(failure('re-apply', 'the second up failed', error));
    return finish({ kind: 'recover' });
  }
  if (roundTrip.length === 0 && firstRan && second && sameDeterministicSql(firstRan, second)) {
    // The cheap fingerprint: the round trip proved the schema is exactly S(i-1) again, and the
    // second up sent the server exactly the same statements as the first. DDL on the same schema
    // gives the same schema, so the snapshot would only confirm afterUp.
    args.log.debug(`${migration.name}: the second up sent the same statements: re-apply not snapshotted`);
    checks.push({ check: 're-apply', status: 'pass' });
    return finish({ kind: 'ok', schema: afterUp });
  }
  const afterReapply = await ws.snapshotTouched();
  touched = afterReapply.scope;
  const reapply = await compare(ws, afterUp, afterReapply);
  if (reapply.length > 0) {
    // Even when only column order differs (a warning), the database no longer holds what one up
    // gives, which is what the migrations after this one must be checked on: rebuild it.
    checks.push({
      check: 're-apply',
      status: severityOf(reapply),
      message: `${REAPPLY_MISMATCH[severityOf(reapply)]}: ${summarise(reapply, 'after the first up', 'after the second up')}`,
      differences: reapply,
    });
    return finish({ kind: 'recover' });
  }
  checks.push({ check: 're-apply', status: 'pass' });
  // The database now matches the first up exactly (compared above), whatever the round trip found.
  return finish({ kind: 'ok', schema: afterUp });
}

function fixContext(ws: Workspace, args: StepCheckArgs): FixContext {
  return { ws, openScratch: args.openScratch, tool: args.tool, signal: args.signal };
}

/** The tables (Schema.tables keys) a scope names. */
function scopeTables(scope: Scope & { all: false }): string[] {
  return scope.objects.tables ?? [];
}

/** ` (reason)` when the migration's declaration can carry one (SQL's marker comment), else nothing. */
function declaredReason(migration: Migration): string {
  if (migration.irreversibleReason === undefined) return '';
  return migration.irreversibleReason ? ` (${migration.irreversibleReason})` : ' (no reason given)';
}

/**
 * Applies migrations up with no checks (for rebuilding after a failure, and to bring a lane to its
 * first migration) and returns the full schema; null if one fails.
 */
export async function fastForward(
  ws: Workspace,
  migrations: Migration[],
  signal?: AbortSignal,
): Promise<Schema | null> {
  for (const m of migrations) {
    signal?.throwIfAborted();
    try {
      await ws.session.up(m);
    } catch (error) {
      if (signal?.aborted || error instanceof SchemagateError) throw error;
      return null;
    }
  }
  return ws.snapshot();
}
