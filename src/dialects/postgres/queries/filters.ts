/**
 * SQL fragments every introspection query shares, so that each kind of object is filtered the same
 * way: user schemas only, nothing that belongs to an extension, no bookkeeping tables, and the
 * optional scope (`$n::text[] IS NULL` means "all").
 */

/** Schemas that never hold user objects, plus schemagate's own tracker schema. */
export function userSchema(ns: string): string {
  return `${ns}.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
    AND ${ns}.nspname NOT LIKE 'pg\\_toast%' AND ${ns}.nspname NOT LIKE 'pg\\_temp\\_%'`;
}

/** Objects created by CREATE EXTENSION are the extension's business, not the migration's. */
export function notExtensionMember(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
    WHERE dep.classid = '${catalog}'::pg_catalog.regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;
}

/** `schema.name`, the key format of Schema.tables/views/sequences/enums/types. */
export function keyOf(ns: string, rel: string, nameColumn = 'relname'): string {
  return `(${ns}.nspname || '.' || ${rel}.${nameColumn})`;
}

/**
 * LEFT JOIN of an object's comment. obj_description()/col_description() run a lookup per row, which
 * is a third of the time of a 500-table snapshot; a join is one pass.
 */
export function commentJoin(alias: string, catalog: string, oid: string, subid = '0'): string {
  return `LEFT JOIN pg_catalog.pg_description ${alias} ON ${alias}.objoid = ${oid}
    AND ${alias}.classoid = '${catalog}'::pg_catalog.regclass AND ${alias}.objsubid = ${subid}`;
}

/**
 * Which objects a query reads: `all` of them, or only those in the session's scope. The scope is a
 * set of object ids per list, put in session settings by scope.ts (from keys) or by the tracker's
 * collect() (from what DDL touched), so that one pipelined flight can set the scope and read it,
 * and every scoped query finds its few rows through the catalogs' oid indexes.
 */
export type Reach = 'all' | 'scope';

/** The oid lists of a scope: relations (tables and views), sequences, types, routines, schemas, extensions. */
export const SCOPE_LISTS = ['rels', 'seqs', 'types', 'procs', 'nsps', 'exts'] as const;
export type ScopeList = (typeof SCOPE_LISTS)[number];

/** The session setting that holds one list (an oid[] literal). */
export function scopeSetting(list: ScopeList): string {
  return `schemagate.scope_${list}`;
}

/** `true` for `all`; otherwise `oid` must be in the scope's list. */
export function inScope(reach: Reach, list: ScopeList, oid: string): string {
  return reach === 'all'
    ? 'true'
    : `${oid} = ANY(pg_catalog.current_setting('${scopeSetting(list)}')::pg_catalog.oid[])`;
}

/** Query names differ by reach: node-postgres prepares each name once per connection. */
export function named(base: string, reach: Reach): string {
  return `${base}_${reach}`;
}

/**
 * A user table (or partition, or foreign table) that is not bookkeeping, for queries that join
 * pg_class `c` and pg_namespace `n`. `$1` holds the excluded table names.
 */
export function userTable(c = 'c', n = 'n'): string {
  return `${c}.relkind IN ('r', 'p', 'f') AND ${userSchema(n)} AND ${notExtensionMember('pg_class', `${c}.oid`)}
    AND ${c}.relname <> ALL($1::text[])`;
}
