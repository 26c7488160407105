import type { MigrationResult } from '../report/results.js';
import { diff } from '../schema/diff.js';
import type { Schema } from '../schema/model.js';
import {
  checkRange,
  fastForward,
  type LaneEnd,
  newResult,
  type StepCheckArgs,
  type StepCheckResult,
} from './step-check.js';
import type { Workspace } from './workspace.js';

/**
 * Lanes: a long history is split into consecutive parts that are checked at the same time, each on
 * its own database. The first lane starts from the empty schema; every other lane first applies the
 * migrations before its part (up only, no checks, which costs a small fraction of checking them)
 * and then checks its part exactly as one lane would. Checking is one process talking to one
 * server backend at a time, so a second core would otherwise sit idle.
 *
 * The verdict must be the one a single lane gives, so the parts are joined in order:
 * - a lane is kept only if the schema it started from is exactly the schema the lane before it
 *   ended with (both full snapshots); otherwise its part is checked again, in order, on the
 *   previous lane's database, which holds that schema;
 * - once a lane stops (an up failed, or a database could not be rebuilt), the migrations after it
 *   are not run, as with one lane: later lanes' results are dropped.
 */

/** Below this many migrations a lane costs more (a database, a fast-forward) than it saves. */
export const MIN_MIGRATIONS_PER_LANE = 25;

export async function runStepChecks(args: StepCheckArgs): Promise<StepCheckResult> {
  const part = args.part ?? { from: 0, to: args.migrations.length };
  const { end, start, results } = await runLanes(args, part);
  // The migrations no kept lane ran (after a stop) are listed with no checks.
  const migrations = args.migrations
    .slice(part.from, part.to)
    .map((m, i) => results[i] ?? newResult(m, args));
  if (!end) return { migrations, finalSchema: null, stopped: true, startSchema: null };
  return {
    migrations,
    finalSchema: end.stopped ? null : end.schema,
    stopped: end.stopped,
    startSchema: start,
  };
}

/**
 * `--shard I/N`: the I-th of N consecutive parts of `count` migrations, as even as possible. No
 * minimum, unlike lanes: a matrix keeps its N jobs while the history grows, and an empty shard
 * costs only a fast-forward.
 */
export function shardRange(
  count: number,
  shard: { index: number; count: number },
): { from: number; to: number } {
  const k = shard.index - 1;
  return { from: Math.round((count * k) / shard.count), to: Math.round((count * (k + 1)) / shard.count) };
}

/** Consecutive [from, to) ranges, as even as possible, never smaller than `minimum` migrations. */
export function splitLanes(
  count: number,
  lanes: number,
  minimum = MIN_MIGRATIONS_PER_LANE,
): Array<{ from: number; to: number }> {
  const n = Math.max(1, Math.min(Math.floor(lanes), Math.floor(count / minimum)));
  const ranges: Array<{ from: number; to: number }> = [];
  for (let k = 0; k < n; k++) {
    ranges.push({ from: Math.round((count * k) / n), to: Math.round((count * (k + 1)) / n) });
  }
  return ranges;
}

type Started = { ok: true; end: LaneEnd; start: Schema } | { ok: false };

/**
 * The lane the run ended in, the schema the first lane started from, and the results of the lanes
 * that were kept, joined in order. No end when the part's first lane could not even start (a shard
 * whose earlier migrations did not apply): nothing in the part ran.
 */
async function runLanes(
  args: StepCheckArgs,
  part: { from: number; to: number },
): Promise<{ end: LaneEnd | null; start: Schema | null; results: MigrationResult[] }> {
  const ranges = splitLanes(part.to - part.from, args.lanes, args.minMigrationsPerLane).map((r) => ({
    from: r.from + part.from,
    to: r.to + part.from,
  }));
  if (ranges.length > 1) {
    const parts = ranges.map((r) => `${r.from + 1}-${r.to}`).join(', ');
    args.log.progress(`[${args.label}] checking in ${ranges.length} lanes at once: migrations ${parts}`);
  }
  // Every workspace a lane opened, so that whatever happens (a failure, an abort) none is left.
  const open = new Set<Workspace>();
  const openWorkspace = async () => {
    const ws = await args.openWorkspace();
    open.add(ws);
    return ws;
  };
  // One lane's failure (a lost server, say) stops the others: the run is over either way.
  const stop = new AbortController();
  const onAbort = () => stop.abort(args.signal.reason);
  args.signal.addEventListener('abort', onAbort, { once: true });
  if (args.signal.aborted) onAbort();
  let firstError: { error: unknown } | null = null;
  const laneArgs: StepCheckArgs = { ...args, openWorkspace, signal: stop.signal };
  const close = async (ws: Workspace) => {
    open.delete(ws);
    await ws.close();
  };
  try {
    const lanes = ranges.map(async (range, k): Promise<Started> => {
      try {
        const ws = await openWorkspace();
        // Lane 1 has nothing to apply (but a shard's earlier migrations): its start is a snapshot.
        const start = await fastForward(ws, args.migrations.slice(0, range.from), stop.signal);
        if (start === null) {
          args.log.debug(
            `[${args.label}] lane ${k + 1}: the migrations before ${range.from + 1} did not apply on a fresh database; checking them in order instead`,
          );
          return { ok: false };
        }
        return { ok: true, start, end: await checkRange(laneArgs, range, { ws, schema: start }) };
      } catch (error) {
        firstError ??= { error };
        stop.abort(error);
        throw error;
      }
    });
    // Wait for every lane before joining, so that none is still running when the run returns.
    const settled = await Promise.allSettled(lanes);
    if (firstError) throw (firstError as { error: unknown }).error;
    const started = settled.map((s) => (s as PromiseFulfilledResult<Started>).value);

    const first = started[0]!;
    // Applying no migrations cannot fail; a shard's earlier ones can (an up in them fails).
    if (!first.ok) return { end: null, start: null, results: [] };
    let previous = first.end;
    const results = [...previous.results];
    for (let k = 1; k < ranges.length; k++) {
      const lane = started[k]!;
      const range = ranges[k]!;
      // As with one lane, nothing after a stop runs: later lanes' results are dropped.
      if (previous.stopped) break;
      // Column order counts here: the round trip now reports a column that moved, so a lane that
      // started with its columns in another order could judge a later migration differently.
      if (lane.ok && diff(previous.schema, lane.start, { columnOrder: true }).length === 0) {
        await close(previous.ws);
        previous = lane.end;
        results.push(...previous.results);
        continue;
      }
      if (lane.ok) {
        args.log.debug(
          `[${args.label}] lane ${k + 1} started from a different schema than lane ${k} ended with; checking its migrations in order instead`,
        );
      }
      // The lane's own results are dropped; its part is checked again from where the last one ended.
      previous = await checkRange(laneArgs, range, { ws: previous.ws, schema: previous.schema });
      results.push(...previous.results);
    }
    return { end: previous, start: first.start, results };
  } finally {
    args.signal.removeEventListener('abort', onAbort);
    await Promise.all([...open].map((ws) => ws.close()));
  }
}
