/**
 * Measured lock hazards on Postgres: what each DDL statement of a migration locked, and whether it
 * rewrote, scanned or indexed a table with rows while holding a lock that blocks writes. The
 * measurements come from event triggers in the migration's own backend (lock-probe-install.ts);
 * this module installs them, reads their log and decides which records are hazards.
 */
import type pg from 'pg';
import { type Hazard, type HazardWork, saferWay } from '../../rehearsal/hazards.js';
import { PROBES_SQL } from './lock-probe-install.js';

export interface LockRecord {
  statement: string;
  commandTag: string;
  relation: string;
  lock: string | null;
  scans: number;
  rowsRead: number;
  rewritten: boolean;
  builtIndex: boolean;
  /** The mode the backend already held on the relation when the statement started (an earlier statement's). */
  lockBefore: string | null;
}

/** Lock modes that make concurrent INSERT/UPDATE/DELETE wait (and AccessExclusiveLock, reads too). */
const BLOCKS_WRITES = new Set(['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock']);

/**
 * Installs the lock probe and the content capture (lock-probe-install.ts); event triggers need a
 * superuser, which the caller checks (and says so otherwise).
 */
export async function installProbes(client: pg.Client): Promise<void> {
  await client.query(PROBES_SQL);
}

/** Everything recorded since the last call, in order; the log is emptied. */
export async function takeLockLog(client: pg.Client): Promise<LockRecord[]> {
  const { rows } = await client.query(
    `DELETE FROM _schemagate.lock_log RETURNING seq, statement, command_tag, relation, lock, scans::int,
       rows_read::int, rewritten, built_index, lock_before`,
  );
  return rows
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((r) => ({
      statement: r.statement ?? '',
      commandTag: r.command_tag ?? '',
      relation: r.relation,
      lock: r.lock,
      scans: r.scans,
      rowsRead: r.rows_read,
      rewritten: r.rewritten,
      builtIndex: r.built_index,
      lockBefore: r.lock_before,
    }));
}

/** The work a record shows, or null when the statement only changed the catalog. */
export function workOf(record: LockRecord): HazardWork | null {
  if (record.rewritten) return 'rewrite';
  if (record.builtIndex && record.rowsRead > 0) return 'index-build';
  if (record.scans > 0 && record.rowsRead > 0) return 'scan';
  return null;
}

/**
 * Hazards among the records of one direction of one migration: work on a table with rows while a
 * write-blocking lock is held. A brief catalog-only lock (even AccessExclusiveLock, as for adding a
 * nullable column or widening a varchar) is not a hazard: it lasts as long on a big table as on an
 * empty one.
 */
export function hazardsOf(records: LockRecord[], direction: Hazard['direction']): Hazard[] {
  const out: Hazard[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const work = workOf(r);
    if (!work || !r.lock || !BLOCKS_WRITES.has(r.lock)) continue;
    const statement = r.statement.trim();
    const key = `${statement}\u0000${r.relation}\u0000${work}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      statement,
      relation: r.relation,
      lock: r.lock,
      work,
      direction,
      safer: saferWay(work, statement),
    });
  }
  return out;
}

/**
 * Statements that took a write-blocking lock on a table with rows but did no work on it: what a text
 * rule would flag (widening a varchar, adding a nullable column) and the measurement clears. Said in
 * the report, so the reviewer sees why schemagate stayed quiet. A lock an earlier statement of the
 * transaction took, at the same strength, is that statement's to explain, not this one's.
 */
export function quietOf(records: LockRecord[]): string[] {
  const out = new Set<string>();
  for (const r of records) {
    if (workOf(r) || !r.lock || !BLOCKS_WRITES.has(r.lock) || r.lockBefore === r.lock) continue;
    out.add(
      `${r.statement.trim()}: ${r.lock} on ${r.relation} only briefly (no rewrite, scan or index build measured)`,
    );
  }
  return [...out];
}
