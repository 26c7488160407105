/** Identifier and literal quoting for Postgres's generated DDL. */
import { type Statements, stmt } from '../../schema/ddl/writer.js';

/**
 * Words Postgres's quote_ident() quotes: reserved, type/function-name and column-name keywords.
 * Unreserved keywords are safe bare, as in pg_dump's output.
 */
const PG_KEYWORDS = new Set(
  `all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case
  cast char character check coalesce collate collation column concurrently constraint create cross
  current_catalog current_date current_role current_schema current_time current_timestamp current_user dec decimal
  default deferrable desc distinct do else end except exists extract false fetch float for foreign freeze from full
  grant greatest group grouping having ilike in initially inner inout int integer intersect interval into is isnull
  join json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize
  json_table json_value lateral leading least left like limit localtime localtimestamp merge_action national natural
  nchar none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay placing
  position precision primary real references returning right row select session_user setof similar smallint some
  substring symmetric system_user table tablesample then time timestamp to trailing treat trim true union unique
  user using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists
  xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`.split(/\s+/),
);

export function pgIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !PG_KEYWORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

export function pgQualified(schema: string, name: string): string {
  return schema ? `${pgIdent(schema)}.${pgIdent(name)}` : pgIdent(name);
}

/** A table, view, type or sequence by its schema and name. */
export function pgRelation(o: { schema: string; name: string }): string {
  return pgQualified(o.schema, o.name);
}

/** A standard-conforming string literal (backslashes are plain characters). */
export function pgLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `COMMENT ON <target> IS '...'`, or `IS NULL` to remove it. */
export function pgComment(target: string, value: string | null | undefined): Statements {
  return [stmt(`COMMENT ON ${target} IS ${value ? pgLiteral(value) : 'NULL'}`)];
}
