import { commentJoin, inScope, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type ViewRow = {
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
  columns: string[];
  reloptions: string[] | null;
  comment: string | null;
};

/** Views and materialized views. */
export const viewsQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_views_v2', reach),
  text: `
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid) AS definition,
  ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum) AS columns,
  c.reloptions::text[] AS reloptions,
  dsc.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${commentJoin('dsc', 'pg_catalog.pg_class', 'c.oid')}
WHERE c.relkind IN ('v', 'm') AND ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
  AND ${inScope(reach, 'rels', 'c.oid')}`,
});
