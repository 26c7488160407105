import { commentJoin, inScope, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type EnumRow = { schema: string; name: string; values: string[]; comment: string | null };

/** Labels come in enumsortorder, which is what ADD VALUE BEFORE changes. */
export const enumsQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_enums_v2', reach),
  text: `
SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values,
  dsc.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
${commentJoin('dsc', 'pg_catalog.pg_type', 't.oid')}
WHERE t.typtype = 'e' AND ${userSchema('n')} AND ${notExtensionMember('pg_type', 't.oid')}
  AND ${inScope(reach, 'types', 't.oid')}`,
});
