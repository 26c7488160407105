import { inScope, keyOf, named, type Reach, userTable } from './filters.js';
import type { NamedQuery } from './run.js';

export type ConstraintRow = {
  table_key: string;
  table_name: string;
  name: string;
  contype: string;
  definition: string;
  /** Attribute numbers of the constrained columns, named by the assembly from the column rows. */
  conkey: number[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
  match: string;
  deferrable: boolean;
  deferred: boolean;
};

function attnames(rel: string, keys: string): string {
  return `ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(${keys}) WITH ORDINALITY k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num ORDER BY k.ord)`;
}

/**
 * $1: excluded table names. Not-null "constraints" (PG 18) are column
 * nullability, not constraints. The per-partition copies that a foreign key to a partitioned table
 * creates on the referencing table (same conrelid as their parent) are implementation detail.
 */
export const constraintsQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_constraints_v3', reach),
  text: `
SELECT ${keyOf('n', 'c')} AS table_key, c.relname::text AS table_name, con.conname::text AS name,
  con.contype::text AS contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  COALESCE(con.conkey::int[], '{}') AS conkey,
  CASE WHEN con.contype = 'f' THEN ${keyOf('fn', 'fc')} END AS ref_table,
  CASE WHEN con.contype = 'f' THEN ${attnames('con.confrelid', 'con.confkey')} END AS ref_columns,
  con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, con.confmatchtype::text AS match,
  con.condeferrable AS deferrable, con.condeferred AS deferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND ${userTable()} AND ${inScope(reach, 'rels', 'con.conrelid')}
  AND NOT (con.conparentid <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc
    WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid))`,
});
