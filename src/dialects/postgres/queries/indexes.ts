import { keyOf, notExtensionMember, userSchema } from './filters.js';
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
  columns: string[];
  include: string[];
  predicate: string | null;
  constraint: string | null;
};

/** `col DESC`, `col NULLS FIRST`: the ordering options pg_get_indexdef(oid, n, ...) leaves out. */
const ordering = `CASE WHEN (i.indoption[k]::int & 1) = 1 THEN ' DESC' ELSE '' END
  || CASE WHEN (i.indoption[k]::int & 3) = 1 THEN ' NULLS LAST' WHEN (i.indoption[k]::int & 3) = 2 THEN ' NULLS FIRST' ELSE '' END`;

/**
 * The k-th column of the index (0-based): a plain column by name, an expression as the server
 * renders it. Asking pg_get_indexdef for plain columns too costs a deparse per column.
 */
const column = `CASE WHEN i.indkey[k] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true)
  ELSE (SELECT pg_catalog.quote_ident(ia.attname) FROM pg_catalog.pg_attribute ia
        WHERE ia.attrelid = i.indrelid AND ia.attnum = i.indkey[k]) END`;

/**
 * Indexes of tables and of materialized views. $1: excluded table names; $2: table scope keys or
 * null; $3: view scope keys or null.
 */
export const indexesQuery: NamedQuery = {
  name: 'schemagate_pg_indexes_v1',
  text: `
SELECT ${keyOf('n', 'c')} AS owner_key, c.relname::text AS owner_name, c.relkind::text AS owner_kind,
  c.oid::pg_catalog.regclass::text AS owner_ref,
  ic.relname::text AS name, pg_catalog.quote_ident(ic.relname) AS quoted_name,
  pg_catalog.pg_get_indexdef(i.indexrelid) AS indexdef, i.indisunique AS unique, am.amname::text AS method,
  ARRAY(SELECT ${column} || ${ordering}
    FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k ORDER BY k) AS columns,
  ARRAY(SELECT ${column}
    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) k ORDER BY k) AS include,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  (SELECT con.conname::text FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) AS constraint
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'f', 'm') AND ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
  AND c.relname <> ALL($1::text[])
  AND CASE WHEN c.relkind = 'm' THEN ($3::text[] IS NULL OR ${keyOf('n', 'c')} = ANY($3::text[]))
      ELSE ($2::text[] IS NULL OR ${keyOf('n', 'c')} = ANY($2::text[])) END`,
};
