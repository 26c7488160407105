import { inScope, keyOf, named, notExtensionMember, type Reach, userSchema } from './filters.js';
import type { NamedQuery } from './run.js';

export type SequenceRow = {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  owned_by: string | null;
};

/**
 * $1: excluded table names. An identity column's sequence is part of the
 * column (Column.identity), not an object of its own; a sequence owned by a bookkeeping table is
 * bookkeeping too.
 */
export const sequencesQuery = (reach: Reach): NamedQuery => ({
  name: named('schemagate_pg_sequences_v2', reach),
  text: `
SELECT n.nspname::text AS schema, c.relname::text AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle,
  (SELECT ${keyOf('on_', 'oc')} || '.' || oa.attname
     FROM pg_catalog.pg_depend d
     JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
     JOIN pg_catalog.pg_namespace on_ ON on_.oid = oc.relnamespace
     JOIN pg_catalog.pg_attribute oa ON oa.attrelid = oc.oid AND oa.attnum = d.refobjsubid
     WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
       AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0
     LIMIT 1) AS owned_by
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND (d.deptype = 'i' OR (d.deptype = 'a' AND oc.relname = ANY($1::text[]))))
  AND ${inScope(reach, 'seqs', 's.seqrelid')}`,
});
