import { inScope, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type TypeRow = { schema: string; name: string; kind: string; definition: string };

/**
 * Domains, composite types and range types. The server renders every part (format_type,
 * pg_get_expr, pg_get_constraintdef); the row types of tables and views are not user types.
 */
export const typesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_types_v2', reach),
  text: `
SELECT n.nspname::text AS schema, t.typname::text AS name,
  CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite' WHEN 'r' THEN 'range' END AS kind,
  CASE t.typtype
    WHEN 'd' THEN pg_catalog.concat_ws(' ',
      pg_catalog.format_type(t.typbasetype, t.typtypmod),
      CASE WHEN t.typcollation <> bt.typcollation THEN 'COLLATE ' || co.collnamespace::pg_catalog.regnamespace::text || '.' || pg_catalog.quote_ident(co.collname) END,
      CASE WHEN t.typnotnull THEN 'NOT NULL' END,
      'DEFAULT ' || pg_catalog.pg_get_expr(t.typdefaultbin, 0),
      (SELECT pg_catalog.string_agg('CONSTRAINT ' || pg_catalog.quote_ident(dc.conname) || ' ' || pg_catalog.pg_get_constraintdef(dc.oid), ' ' ORDER BY dc.conname)
         FROM pg_catalog.pg_constraint dc WHERE dc.contypid = t.oid))
    WHEN 'c' THEN '(' || (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'
    WHEN 'r' THEN (SELECT 'SUBTYPE ' || pg_catalog.format_type(r.rngsubtype, NULL)
       FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid)
  END AS definition
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
WHERE (t.typtype IN ('d', 'r')
    OR (t.typtype = 'c' AND (SELECT rc.relkind FROM pg_catalog.pg_class rc WHERE rc.oid = t.typrelid) = 'c'))
  AND ${userSchema('n')} AND ${notExtensionMember('pg_type', 't.oid')}
  AND ${inScope(reach, 'types', 't.oid')}`,
});
