import { inScope, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type RoutineRow = {
  schema: string;
  name: string;
  kind: string;
  arguments: string;
  definition: string;
};

/** The key of a routine: `schema.name(identity arguments)`, so overloads are distinct objects. */
export const routineKey = `(n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')')`;

/**
 * Functions and procedures (aggregates have no pg_get_functiondef).
 */
export const routinesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_routines_v2', reach),
  text: `
SELECT n.nspname::text AS schema, p.proname::text AS name,
  CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
  pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w') AND ${userSchema('n')} AND ${notExtensionMember('pg_proc', 'p.oid')}
  AND ${inScope(reach, 'procs', 'p.oid')}`,
});
