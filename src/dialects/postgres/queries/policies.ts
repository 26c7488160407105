import { inScope, keyOf, named, type Reach, userTable } from './filters.js';
import type { NamedQuery } from './run.js';

export type PolicyRow = {
  table_key: string;
  name: string;
  permissive: boolean;
  command: string;
  roles: string[];
  qual: string | null;
  with_check: string | null;
};

/** $1: excluded table names. Role 0 is PUBLIC. */
export const policiesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_policies_v2', reach),
  text: `
SELECT ${keyOf('n', 'c')} AS table_key, p.polname::text AS name, p.polpermissive AS permissive,
  p.polcmd::text AS command,
  ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.oid)) END
    FROM pg_catalog.unnest(p.polroles) AS r(oid) ORDER BY 1) AS roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${userTable()} AND ${inScope(reach, 'rels', 'p.polrelid')}`,
});
