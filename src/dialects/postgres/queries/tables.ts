import { commentJoin, inScope, named, type Reach, userTable } from './filters.js';
import type { NamedQuery } from './run.js';

export type TableRow = {
  schema: string;
  name: string;
  relkind: string;
  partition_of: string | null;
  partition_bound: string | null;
  partition_by: string | null;
  inherits: string[] | null;
  rls: boolean;
  rls_forced: boolean;
  persistence: string;
  reloptions: string[] | null;
  comment: string | null;
};

/** $1: excluded table names. */
export const tablesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_tables_v2', reach),
  text: `
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS relkind,
  CASE WHEN c.relispartition THEN (SELECT pc.oid::pg_catalog.regclass::text FROM pg_catalog.pg_inherits i
      JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent WHERE i.inhrelid = c.oid) END AS partition_of,
  CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_by,
  CASE WHEN NOT c.relispartition THEN (SELECT pg_catalog.array_agg(i.inhparent::pg_catalog.regclass::text ORDER BY i.inhseqno)
      FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid) END AS inherits,
  c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced, c.relpersistence::text AS persistence,
  c.reloptions::text[] AS reloptions,
  dsc.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${commentJoin('dsc', 'pg_catalog.pg_class', 'c.oid')}
WHERE ${userTable()} AND ${inScope(reach, 'rels', 'c.oid')}`,
});
