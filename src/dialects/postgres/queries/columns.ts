import { commentJoin, inScope, keyOf, named, type Reach, userTable } from './filters.js';
import type { NamedQuery } from './run.js';

export type ColumnRow = {
  table_key: string;
  name: string;
  attnum: number;
  /** The name as the server writes it in definitions (quote_ident). */
  quoted: string;
  position: number;
  type: string;
  nullable: boolean;
  default: string | null;
  generated: string | null;
  /** 's' stored, 'v' virtual (Postgres 18), '' not generated. */
  generated_kind: string;
  identity: string;
  collation: string | null;
  comment: string | null;
  /** Options of the identity's sequence, only for identity columns. */
  seq_start: string | null;
  seq_increment: string | null;
  seq_min: string | null;
  seq_max: string | null;
  seq_cache: string | null;
  seq_cycle: boolean | null;
};

/**
 * $1: excluded table names. Position is the ordinal among live columns, so
 * a dropped column's gap is not a difference.
 */
export const columnsQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_columns_v3', reach),
  text: `
SELECT ${keyOf('n', 'c')} AS table_key, a.attname::text AS name, a.attnum::int AS attnum,
  pg_catalog.quote_ident(a.attname) AS quoted,
  pg_catalog.row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS position,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  NOT a.attnotnull AS nullable,
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default,
  CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
  a.attgenerated::text AS generated_kind,
  a.attidentity::text AS identity,
  CASE WHEN a.attcollation <> t.typcollation
    THEN co.collnamespace::pg_catalog.regnamespace::text || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
  dsc.description AS comment,
  s.seqstart::text AS seq_start, s.seqincrement::text AS seq_increment, s.seqmin::text AS seq_min,
  s.seqmax::text AS seq_max, s.seqcache::text AS seq_cache, s.seqcycle AS seq_cycle
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
${commentJoin('dsc', 'pg_catalog.pg_class', 'a.attrelid', 'a.attnum')}
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_depend sd ON a.attidentity <> '' AND sd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = sd.objid
WHERE a.attnum > 0 AND NOT a.attisdropped AND ${userTable()} AND ${inScope(reach, 'rels', 'a.attrelid')}`,
});
