import { inScope, keyOf, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type IndexRow = {
  owner_key: string;
  owner_name: string;
  owner_kind: string;
  owner_ref: string;
  name: string;
  quoted_name: string;
  indexdef: string;
  unique: boolean;
  method: string;
  /** Attribute numbers of the key and INCLUDE columns; 0 for an expression. */
  indkey: number[];
  /** How many of indkey are key columns (the rest are INCLUDE). */
  key_count: number;
  /** Per key column: bit 1 DESC, bit 2 NULLS FIRST. */
  indoption: number[];
  /** Every column as pg_get_indexdef renders it, only for indexes with expressions or on a materialized view. */
  rendered: string[] | null;
  predicate: string | null;
  constraint: string | null;
};

/**
 * Indexes of tables and of materialized views. $1: excluded table names. Plain columns come back as attribute numbers, which the
 * assembly names from the column rows: asking pg_get_indexdef for each column costs a deparse per
 * column, so only expression columns are rendered that way.
 */
export const indexesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_indexes_v3', reach),
  text: `
SELECT ${keyOf('n', 'c')} AS owner_key, c.relname::text AS owner_name, c.relkind::text AS owner_kind,
  c.oid::pg_catalog.regclass::text AS owner_ref,
  ic.relname::text AS name, pg_catalog.quote_ident(ic.relname) AS quoted_name,
  pg_catalog.pg_get_indexdef(i.indexrelid) AS indexdef, i.indisunique AS unique, am.amname::text AS method,
  i.indkey::pg_catalog.int2[]::int[] AS indkey, i.indnkeyatts::int AS key_count,
  i.indoption::pg_catalog.int2[]::int[] AS indoption,
  CASE WHEN c.relkind = 'm' OR 0 = ANY (i.indkey::pg_catalog.int2[]) THEN
    ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true) FROM pg_catalog.generate_series(1, i.indnatts) k ORDER BY k)
  END AS rendered,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  (SELECT con.conname::text FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) AS constraint
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'f', 'm') AND ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
  AND c.relname <> ALL($1::text[]) AND ${inScope(reach, 'rels', 'i.indrelid')}`,
});
