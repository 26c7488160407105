/**
 * A lock hazard: a statement that did work proportional to a table's size (rewrite, scan, index
 * build) while holding a lock that blocks writes (or reads) on it. Measured on the throwaway
 * database (see src/dialects/postgres/lock-probe.ts), never guessed from the SQL text: the text is
 * only read to word the safer way to do the same.
 */
export type HazardWork = 'rewrite' | 'scan' | 'index-build';

export interface Hazard {
  statement: string;
  /** Schema-qualified table. */
  relation: string;
  /**
   * The Postgres lock mode as pg_locks names it (AccessExclusiveLock, ShareLock, ...); on
   * MySQL/MariaDB the lowest LOCK clause the server accepted (LOCK=SHARED, LOCK=EXCLUSIVE).
   */
  lock: string;
  /** MySQL/MariaDB: the cheapest ALGORITHM the server accepted (INPLACE, NOCOPY, COPY); absent on Postgres. */
  algorithm?: string;
  work: HazardWork;
  direction: 'up' | 'down';
  /** The safe way to make the same change. */
  safer: string;
}

const SAFER: { work: HazardWork; when: RegExp; advice: string }[] = [
  {
    work: 'index-build',
    when: /\bcreate\s+(unique\s+)?index\b/i,
    advice: 'use CREATE INDEX CONCURRENTLY, in its own migration that runs outside a transaction',
  },
  {
    work: 'index-build',
    when: /\b(primary\s+key|unique)\b/i,
    advice:
      'build the index first with CREATE UNIQUE INDEX CONCURRENTLY (its own non-transactional migration), then ADD CONSTRAINT … USING INDEX',
  },
  {
    work: 'scan',
    when: /\bvalidate\s+constraint\b/i,
    advice:
      'run VALIDATE CONSTRAINT in a migration of its own: here the transaction already holds a stronger lock',
  },
  {
    work: 'scan',
    when: /\bset\s+not\s+null\b/i,
    advice:
      'add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL (Postgres 12+ then skips the scan)',
  },
  {
    work: 'scan',
    when: /\b(foreign\s+key|references|check)\b/i,
    advice: 'ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later migration',
  },
  {
    work: 'rewrite',
    when: /\badd\s+(column\s+)?[^,;]*\bdefault\b/i,
    advice: 'add the column without a default (or with a constant one), then backfill it in batches',
  },
  {
    work: 'rewrite',
    when: /\btype\b/i,
    advice:
      'add a new column of the new type, backfill it in batches, switch the code over, then drop the old one',
  },
];

export function saferWay(work: HazardWork, statement: string): string {
  const found = SAFER.find((s) => s.work === work && s.when.test(statement));
  if (found) return found.advice;
  return work === 'rewrite'
    ? 'make the change without rewriting the table (a new column backfilled in batches)'
    : 'split the change so that the long work runs without a lock that blocks writes';
}

/** What a lock mode stops while it is held. */
export function lockEffect(lock: string): string {
  return lock === 'AccessExclusiveLock' || lock === 'LOCK=EXCLUSIVE'
    ? 'blocks reads and writes'
    : 'blocks writes';
}

const WORK_PHRASE: Record<HazardWork, string> = {
  rewrite: 'rewriting the table',
  scan: 'scanning every row',
  'index-build': 'building an index',
};

/** "🔒 ShareLock on public.users while building an index: blocks writes; use CREATE INDEX CONCURRENTLY …" */
export function hazardLine(h: Hazard): string {
  const lock = h.algorithm ? `ALGORITHM=${h.algorithm}, ${h.lock}` : h.lock;
  return `🔒 ${lock} on ${h.relation} while ${WORK_PHRASE[h.work]}: ${lockEffect(h.lock)}; ${h.safer}`;
}
