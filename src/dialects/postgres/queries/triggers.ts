import { inScope, keyOf, userTable } from './filters.js';
import type { NamedQuery } from './run.js';

export type TriggerRow = { table_key: string; name: string; definition: string; enabled: string };

/** $1: excluded table names; $2: scope keys or null. Internal triggers (FK enforcement) are not user objects. */
export const triggersQuery: NamedQuery = {
  name: 'schemagate_pg_triggers_v1',
  text: `
SELECT ${keyOf('n', 'c')} AS table_key, t.tgname::text AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled::text AS enabled
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND ${userTable()} AND ${inScope('$2', keyOf('n', 'c'))}`,
};
