import { inScope } from './filters.js';
import type { NamedQuery } from './run.js';

export type ExtensionRow = { name: string; schema: string; version: string };

/** $1: scope keys (extension names) or null. */
export const extensionsQuery: NamedQuery = {
  name: 'schemagate_pg_extensions_v1',
  text: `
SELECT e.extname::text AS name, n.nspname::text AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE ${inScope('$1', 'e.extname::text')}`,
};
