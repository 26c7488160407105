import { inScope, keyOf, named, type Reach, userTable } from './filters.js';
import type { NamedQuery } from './run.js';

export type TriggerRow = { table_key: string; name: string; definition: string; enabled: string };

/** $1: excluded table names. Internal triggers (FK enforcement) are not user objects. */
export const triggersQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_triggers_v2', reach),
  text: `
SELECT ${keyOf('n', 'c')} AS table_key, t.tgname::text AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled::text AS enabled
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND ${userTable()} AND ${inScope(reach, 'rels', 't.tgrelid')}`,
});
