import { commentJoin, inScope, notExtensionMember, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type NamespaceRow = { name: string; comment: string | null };

/** $1: scope keys (schema names) or null. */
export const namespacesQuery: NamedQuery = {
  name: 'schemagate_pg_namespaces_v1',
  text: `
SELECT n.nspname::text AS name, dsc.description AS comment
FROM pg_catalog.pg_namespace n
${commentJoin('dsc', 'pg_catalog.pg_namespace', 'n.oid')}
WHERE ${userSchema('n')} AND ${notExtensionMember('pg_namespace', 'n.oid')}
  AND ${inScope('$1', 'n.nspname::text')}`,
};
