/**
 * The content of the seeded tables, per column, so that a down that loses data is caught: after
 * up → down, every column that existed before the up must hold the same values. Each column is
 * summarised by a hash of its values (as a multiset: sorted, so a rewrite that reorders rows is not a
 * loss), its non-NULL count and a few example values for the report. Engines compute the summary
 * server-side in one query (src/dialects/<engine>/content.ts); the comparison is here.
 */

export interface ColumnContent {
  nonNull: number;
  hash: string;
  /** The first few distinct values in sort order, truncated: what the report shows. */
  sample: string[];
}

export interface TableContent {
  rows: number;
  columns: Record<string, ColumnContent>;
}

/** Table key (Schema.tables) -> content. */
export type Content = Record<string, TableContent>;

export interface DataLoss {
  table: string;
  /** Null when whole rows were lost. */
  column: string | null;
  /** `rows`: fewer rows; `nulled`: values became NULL; `changed`: values differ. */
  kind: 'rows' | 'nulled' | 'changed';
  before: { count: number; sample: string[] };
  after: { count: number; sample: string[] };
}

/** Longest example value a report shows. */
export const SAMPLE_LENGTH = 40;
export const SAMPLE_SIZE = 3;

/**
 * What the down lost: every table and column of `before` that still exists in `after` must hold the
 * same values. A table or column that no longer exists is the schema check's finding, not repeated here.
 */
export function compareContent(before: Content, after: Content): DataLoss[] {
  const out: DataLoss[] = [];
  for (const [table, was] of Object.entries(before)) {
    const now = after[table];
    if (!now) continue;
    if (now.rows < was.rows) {
      out.push({
        table,
        column: null,
        kind: 'rows',
        before: { count: was.rows, sample: [] },
        after: { count: now.rows, sample: [] },
      });
      continue;
    }
    for (const [column, c] of Object.entries(was.columns)) {
      const n = now.columns[column];
      if (!n || n.hash === c.hash) continue;
      out.push({
        table,
        column,
        kind: n.nonNull < c.nonNull && n.nonNull === 0 ? 'nulled' : 'changed',
        before: { count: c.nonNull, sample: c.sample },
        after: { count: n.nonNull, sample: n.sample },
      });
    }
  }
  return out;
}

/** "public.users.bio: 15 values lost (all NULL after the down), e.g. 'a', 'b'" */
export function dataLossLine(loss: DataLoss): string {
  const quoted = (s: string[]) => s.map((v) => `'${v}'`).join(', ');
  if (loss.kind === 'rows') {
    return `${loss.table}: ${loss.before.count - loss.after.count} of ${loss.before.count} rows lost after the down`;
  }
  const where = `${loss.table}.${loss.column}`;
  if (loss.kind === 'nulled') {
    return `${where}: ${loss.before.count} values lost (all NULL after the down), e.g. ${quoted(loss.before.sample)}`;
  }
  return `${where}: values changed by the up and down, e.g. ${quoted(loss.before.sample)} became ${quoted(loss.after.sample) || 'NULL'}`;
}
