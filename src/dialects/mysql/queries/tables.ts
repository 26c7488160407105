/** TABLES and VIEWS: one query each for the whole database. */
import { type QueryContext, select } from './select.js';

export interface TableRow {
  name: string;
  /** 'BASE TABLE' | 'VIEW' | 'SYSTEM VIEW' | 'SEQUENCE' (MariaDB) | 'SYSTEM VERSIONED' (MariaDB). */
  type: string;
  engine: string | null;
  collation: string | null;
  /** `row_format=DYNAMIC stats_persistent=0 partitioned`: only what CREATE TABLE said explicitly. */
  createOptions: string | null;
  comment: string | null;
}

export function queryTables(ctx: QueryContext): Promise<TableRow[]> {
  // Only columns from the table definition: MySQL 8 computes the statistics columns (ROW_FORMAT,
  // TABLE_ROWS, AUTO_INCREMENT, ...) separately and they are not schema anyway.
  return select<TableRow>(
    ctx,
    `SELECT TABLE_NAME AS \`name\`, TABLE_TYPE AS \`type\`, ENGINE AS \`engine\`, TABLE_COLLATION AS \`collation\`,
            CREATE_OPTIONS AS \`createOptions\`, TABLE_COMMENT AS \`comment\`
       FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT IN (?)
      ORDER BY TABLE_NAME`,
    [ctx.database, ctx.exclude],
  );
}

export interface ViewRow {
  name: string;
  definition: string | null;
  /** 'NONE' | 'CASCADED' | 'LOCAL' */
  checkOption: string | null;
  /** 'DEFINER' | 'INVOKER' */
  security: string | null;
}

export function queryViews(ctx: QueryContext): Promise<ViewRow[]> {
  return select<ViewRow>(
    ctx,
    `SELECT TABLE_NAME AS \`name\`, VIEW_DEFINITION AS \`definition\`, CHECK_OPTION AS \`checkOption\`,
            SECURITY_TYPE AS \`security\`
       FROM information_schema.VIEWS
      WHERE TABLE_SCHEMA = ?
      ORDER BY TABLE_NAME`,
    [ctx.database],
  );
}

export interface SequenceRow {
  name: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: number;
}

/**
 * MariaDB sequences (10.3+) keep their settings in the sequence's own single row, not in
 * information_schema, so they are read with one UNION ALL over the sequences found by queryTables
 * (one round trip however many there are; none when there are none).
 */
export function querySequences(ctx: QueryContext, names: string[]): Promise<SequenceRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;
  const sql = names
    .map(
      (name) =>
        `SELECT ? AS \`name\`, start_value AS \`start\`, increment, minimum_value AS \`min\`, maximum_value AS \`max\`,
                cache_size AS \`cache\`, cycle_option AS \`cycle\` FROM ${quote(name)}`,
    )
    .join(' UNION ALL ');
  return select<SequenceRow>(ctx, `${sql} ORDER BY name`, names);
}
