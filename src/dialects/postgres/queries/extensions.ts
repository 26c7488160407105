import { inScope, named, type Reach } from './filters.js';
import type { NamedQuery } from './run.js';

export type ExtensionRow = { name: string; schema: string; version: string };

export const extensionsQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_extensions_v2', reach),
  text: `
SELECT e.extname::text AS name, n.nspname::text AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE ${inScope(reach, 'exts', 'e.oid')}`,
});
