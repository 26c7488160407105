import { commentJoin, inScope, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type NamespaceRow = { name: string; comment: string | null };

export const namespacesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_namespaces_v2', reach),
  text: `
SELECT n.nspname::text AS name, dsc.description AS comment
FROM pg_catalog.pg_namespace n
${commentJoin('dsc', 'pg_catalog.pg_namespace', 'n.oid')}
WHERE ${userSchema('n')} AND ${notExtensionMember('pg_namespace', 'n.oid')}
  AND ${inScope(reach, 'nsps', 'n.oid')}`,
});
