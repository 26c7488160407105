/**
 * What a bad down is missing (README "How to fix a down"). When the round trip does not restore the
 * schema before up, the drift DDL writer (src/schema/ddl/) writes the statements that take the state
 * after the down back to it; when the down fails on an error, it writes a whole down from the state
 * after up, in an order that works. Either is then tried on a database and re-diffed, so the report
 * says whether the fix is proven, not only suggested.
 *
 * Trying the fix must not change what the checks after it see (the re-apply, the next migrations):
 *   - Postgres rolls DDL back, so the fix runs on the workspace itself, in a transaction that is
 *     snapshotted from inside and rolled back (Dialect.tryDdl): the proof is on the very state the
 *     down left, rows included, and costs a few statements and one snapshot.
 *   - MySQL and MariaDB commit each DDL statement. Trying in place would leave the fixed state behind,
 *     and putting the state after the down back (reverse DDL, or the recovery's rebuild up to the
 *     migration plus its down again) either loses what the leftover objects held or replays the
 *     history. A scratch database given the state after the down by the same writer (from the
 *     empty schema: cost in proportion to the schema, not the history, and no project code runs)
 *     is cheaper and cannot touch the workspace; it is checked against the snapshot before the fix
 *     is tried on it, so an inexact rebuild makes the fix unproven, never wrongly proven.
 * All of it runs only when a round trip fails, so a passing run pays nothing.
 */
import { errorMessage } from '../errors.js';
import type { CheckError, DownFix } from '../report/model.js';
import { alembicDownCode } from '../schema/ddl/alembic-code.js';
import { generateDdl } from '../schema/ddl/index.js';
import { knexDownCode } from '../schema/ddl/knex-code.js';
import { diff } from '../schema/diff.js';
import type { Schema } from '../schema/model.js';
import { SAME_DATABASE } from './compare.js';
import { summarise } from './difference-text.js';
import type { ScratchDatabase, Workspace } from './workspace.js';

export interface FixContext {
  ws: Workspace;
  /** A bare database on the same server, for engines that cannot roll DDL back; absent: unproven there. */
  openScratch?: () => Promise<ScratchDatabase>;
  /** The migration tool: knex and Alembic get the fix as code for their down too. */
  tool?: string;
  signal: AbortSignal;
}

/** The down ran and left differences: what to run at its end. */
export async function fixForRoundTrip(ctx: FixContext, before: Schema): Promise<DownFix> {
  return guarded(ctx, 'append', null, async () => {
    const afterDown = await ctx.ws.snapshot();
    return writeAndProve(ctx, { start: afterDown, target: before, inPlace: true });
  });
}

/**
 * The down failed on an error: what the error says it needs, and a whole down that works, tried in
 * place when the failed down left the state after up (its transaction was rolled back), otherwise
 * on a scratch database given that state.
 */
export async function fixForFailedDown(
  ctx: FixContext,
  afterUp: Schema,
  before: Schema,
  error: CheckError | null | undefined,
): Promise<DownFix> {
  return guarded(ctx, 'replace', dependentsAdvice(error), async () => {
    const now = await ctx.ws.snapshot();
    const inPlace = diff(afterUp, now, SAME_DATABASE).length === 0;
    return writeAndProve(ctx, { start: afterUp, target: before, inPlace });
  });
}

type Proof = Pick<DownFix, 'sql' | 'proven' | 'reason'>;

/** A fix that could not be written or tried is reported as such; it never fails the run. */
async function guarded(
  ctx: FixContext,
  placement: DownFix['placement'],
  advice: string | null,
  work: () => Promise<Proof>,
): Promise<DownFix> {
  let proof: Proof;
  try {
    proof = await work();
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    proof = {
      sql: [],
      proven: false,
      reason: `the fix could not be written or tried: ${errorMessage(error)}`,
    };
  }
  const code = codeFor(ctx.tool, proof.sql);
  return {
    placement,
    ...proof,
    ...(advice ? { advice } : {}),
    ...(code ? { code } : {}),
  };
}

async function writeAndProve(
  ctx: FixContext,
  p: { start: Schema; target: Schema; inPlace: boolean },
): Promise<Proof> {
  // Exact names, as the round trip compares them: a constraint back under another name is dropped
  // and added again, not matched by its definition as drift would.
  const sql = (await generateDdl(p.start, p.target, diff(p.start, p.target))).map((s) => s.sql);
  let result: Schema;
  if (sql.length === 0) {
    result = p.start;
  } else {
    const tried = await tryFix(ctx, p.start, sql, p.inPlace);
    if ('unproven' in tried) return { sql, proven: false, reason: tried.unproven };
    result = tried.schema;
  }
  const left = diff(p.target, result, SAME_DATABASE);
  if (left.length === 0) return { sql, proven: true };
  const what = summarise(left, 'before up', sql.length === 0 ? 'after the down' : 'after the fix');
  return {
    sql,
    proven: false,
    reason:
      sql.length === 0
        ? `the DDL writer has no statement for this: ${what}`
        : `these statements do not restore everything (the DDL writer cannot express the rest): ${what}`,
  };
}

async function tryFix(
  ctx: FixContext,
  start: Schema,
  sql: string[],
  inPlace: boolean,
): Promise<{ schema: Schema } | { unproven: string }> {
  if (ctx.ws.transactionalDdl && inPlace) return refused(await ctx.ws.tryDdl(sql, { rollBack: true }));
  if (!ctx.openScratch) return { unproven: 'no scratch database to try it on' };
  const scratch = await ctx.openScratch();
  try {
    const empty = await scratch.tryDdl([]);
    if (!empty.schema) return { unproven: 'the scratch database could not be read' };
    const rebuild = (await generateDdl(empty.schema, start, diff(empty.schema, start))).map((s) => s.sql);
    const rebuilt = rebuild.length > 0 ? await scratch.tryDdl(rebuild) : empty;
    if (!rebuilt.schema) {
      return {
        unproven: `a scratch database could not be given the state to fix: \`${rebuilt.failed.statement}\` failed: ${rebuilt.failed.message}`,
      };
    }
    const off = diff(start, rebuilt.schema, SAME_DATABASE);
    if (off.length > 0) {
      return {
        unproven: `a scratch database could not be given the state to fix: ${summarise(off, 'the state to fix', 'the scratch database')}`,
      };
    }
    return refused(await scratch.tryDdl(sql));
  } finally {
    await scratch.close().catch(() => {});
  }
}

function refused(trial: Awaited<ReturnType<Workspace['tryDdl']>>): { schema: Schema } | { unproven: string } {
  if (trial.schema) return { schema: trial.schema };
  return { unproven: `the server refused \`${trial.failed.statement}\`: ${trial.failed.message}` };
}

function codeFor(tool: string | undefined, sql: string[]): DownFix['code'] {
  if (sql.length === 0) return null;
  if (tool === 'knex') return { knex: knexDownCode(sql) };
  if (tool === 'alembic') return { alembic: alembicDownCode(sql) };
  return null;
}

/**
 * The objects the server named as standing in the way: Postgres's DETAIL (`constraint x on table y
 * depends on table z`, one per line), MySQL's and MariaDB's message (`... referenced by a foreign key
 * constraint 'x' on table 'y'`).
 */
export function dependentsAdvice(error: CheckError | null | undefined): string | null {
  if (!error) return null;
  // The message repeats the DETAIL on a line of its own (`DETAIL: ...`): read the field when there is one.
  const text = error.detail ?? error.message;
  const dependents = [...text.matchAll(/^\s*(?:DETAIL:\s*)?(.+?) depends on (.+?)\s*$/gm)].map((m) => m[1]!);
  const referenced = [...text.matchAll(/foreign key constraint '([^']+)' on table '([^']+)'/gi)].map(
    (m) => `constraint ${m[1]} on table ${m[2]}`,
  );
  const found = [...new Set([...dependents, ...referenced])];
  if (found.length === 0) return null;
  const blocked = error.statement ? ` before \`${oneLine(error.statement)}\`` : '';
  return (
    `drop (or alter) what depends on it${blocked}: ${found.join('; ')}. ` +
    'Reorder the down so that dependents go first; CASCADE would also drop objects the down may not mean to.'
  );
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
