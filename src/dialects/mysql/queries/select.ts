/**
 * One information_schema query, returning plain rows. Every query selects its columns under
 * backquoted camelCase aliases (several, like `table`, `order` and `returns`, are reserved words):
 * MySQL 8 and MariaDB label `SELECT *` columns differently (MySQL 8's
 * information_schema is a set of views over the data dictionary), aliases label them the same.
 */
import type { Pool } from '../connect.js';

/** Scope of one snapshot: the database, and the tables to leave out (bookkeeping and user exclusions). */
export interface QueryContext {
  pool: Pool;
  database: string;
  /** Never empty (BOOKKEEPING_TABLES), so `NOT IN (?)` is always valid SQL. */
  exclude: string[];
}

/**
 * Some MySQL 8 information_schema columns are binary strings (mysql2 returns a Buffer for them);
 * everything we read is text, so decode those as UTF-8.
 */
function decode(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    if (Buffer.isBuffer(value)) row[key] = value.toString('utf8');
  }
  return row;
}

export async function select<T>(ctx: QueryContext, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await ctx.pool.query(sql, params);
  return (rows as Record<string, unknown>[]).map((row) => decode({ ...row }) as T);
}
