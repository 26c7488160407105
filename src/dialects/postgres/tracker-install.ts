/**
 * The SQL that installs change tracking in one database: a schema `_schemagate` (left out of every
 * snapshot), a log of touched objects, a baseline of object ids taken at each reset, and event
 * triggers on ddl_command_end and sql_drop. Event triggers fire for every connection in the
 * database, which is what we want: migrations run on the migration tool's own connections.
 *
 * The triggers only record; collect() (tracker.ts) turns the records into a Scope. A failure inside
 * a trigger records "unknown" instead of failing the user's migration.
 */
import { KINDS } from './introspect.js';
import { scopeSetting } from './queries/filters.js';
import { setScopeExpressions } from './queries/scope.js';

/** relation oid -> the collection and key a change to it belongs to (an index belongs to its table). */
const RELATIONS_VIEW = `
CREATE OR REPLACE VIEW _schemagate.relations AS
SELECT c.oid, n.nspname::text AS schema_name,
  CASE WHEN o.relkind IN ('r', 'p', 'f') THEN 'tables' WHEN o.relkind IN ('v', 'm') THEN 'views'
       WHEN o.relkind = 'S' THEN 'sequences' WHEN o.relkind = 'c' THEN 'types' END AS collection,
  onsp.nspname || '.' || o.relname AS key,
  CASE WHEN o.relkind IN ('r', 'p', 'f', 'v', 'm') THEN o.oid END AS relid
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index i ON c.relkind IN ('i', 'I') AND i.indexrelid = c.oid
LEFT JOIN pg_catalog.pg_depend d ON c.relkind = 'S' AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'i'
JOIN pg_catalog.pg_class o ON o.oid = COALESCE(i.indrelid, d.refobjid, c.oid)
JOIN pg_catalog.pg_namespace onsp ON onsp.oid = o.relnamespace`;

/** type oid -> enums/types key; row types, arrays and base types are not objects of the model. */
const TYPES_VIEW = `
CREATE OR REPLACE VIEW _schemagate.types AS
SELECT t.oid, n.nspname::text AS schema_name,
  CASE WHEN t.typtype = 'e' THEN 'enums' WHEN t.typtype IN ('d', 'r') THEN 'types'
       WHEN t.typtype = 'c' AND rc.relkind = 'c' THEN 'types' END AS collection,
  n.nspname || '.' || t.typname AS key
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid`;

const ROUTINES_VIEW = `
CREATE OR REPLACE VIEW _schemagate.routines AS
SELECT p.oid, n.nspname::text AS schema_name, 'routines'::text AS collection,
  n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS key
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace`;

const LOG_TABLES = `
CREATE TABLE IF NOT EXISTS _schemagate.touched (
  phase text NOT NULL, classid oid, objid oid, relid oid, collection text, key text,
  command_tag text, object_type text, identity text
);
CREATE TABLE IF NOT EXISTS _schemagate.baseline (
  classid oid NOT NULL, objid oid NOT NULL, collection text NOT NULL, key text NOT NULL, relid oid,
  self boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS baseline_object ON _schemagate.baseline (classid, objid);
CREATE INDEX IF NOT EXISTS baseline_relation ON _schemagate.baseline (relid);
CREATE INDEX IF NOT EXISTS touched_object ON _schemagate.touched (classid, objid)`;

const USER_SCHEMA = `schema_name NOT IN ('pg_catalog', 'information_schema', '_schemagate')
  AND schema_name NOT LIKE 'pg\\_toast%' AND schema_name NOT LIKE 'pg\\_temp\\_%'`;

/**
 * The tracker's functions look up a handful of objects by id. The planner has no statistics for the
 * log (it is never analyzed, and its plans are cached once per session), guesses hundreds of rows,
 * and would sort or hash whole catalogs to join them; nested loops over the indexes are always right.
 */
const SMALL_LOOKUPS = `SET search_path = '' SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off`;

/**
 * Object ids -> keys as they are now, and which relations are children of which (for DETACH).
 *
 * reset(true) rebuilds the baseline from the catalogs. reset(false) refreshes only what the last
 * step touched: an object's key can change only through a rename or a SET SCHEMA, which collect()
 * answers with `all` (and the caller then asks for a full reset), so rows of untouched objects are
 * still right. It finds the rows to refresh by object id, never by key, so that it costs what the
 * step touched instead of the size of the schema.
 */
const RESET_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.reset(full_refresh boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql ${SMALL_LOOKUPS} AS $fn$
DECLARE
  rels oid[];
  objs oid[];
BEGIN
  IF full_refresh OR EXISTS (SELECT 1 FROM _schemagate.touched t WHERE t.collection = 'all') THEN
    DELETE FROM _schemagate.touched;
    DELETE FROM _schemagate.baseline;
    INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
      FROM _schemagate.relations v WHERE v.collection IS NOT NULL AND ${USER_SCHEMA}
    UNION ALL
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.types v WHERE v.collection IS NOT NULL AND ${USER_SCHEMA}
    UNION ALL
    SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.routines v WHERE ${USER_SCHEMA}
    UNION ALL
    SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
      FROM pg_catalog.pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
        AND n.nspname NOT LIKE 'pg\\_%'
    UNION ALL
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
      FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
      WHERE v.collection IS NOT NULL AND ${USER_SCHEMA};
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM _schemagate.touched) THEN
    RETURN;
  END IF;
  -- Every lookup below goes by object id through a catalog index: the refresh costs what the step
  -- touched, not the size of the schema. The relations whose rows may have changed: those touched
  -- directly or through a part, those of objects dropped by id, and their inheritance children now
  -- and at the last reset (DETACH, and ADD COLUMN or CREATE INDEX propagating to partitions).
  SELECT COALESCE(pg_catalog.array_agg(DISTINCT x.r), '{}') INTO rels FROM (
    SELECT t.relid FROM _schemagate.touched t WHERE t.relid IS NOT NULL
    UNION ALL
    SELECT b.relid FROM _schemagate.touched t
      JOIN _schemagate.baseline b ON b.classid = t.classid AND b.objid = t.objid WHERE b.relid IS NOT NULL
  ) x(r);
  rels := rels
    || ARRAY(SELECT i.inhrelid FROM pg_catalog.pg_inherits i WHERE i.inhparent = ANY (rels))
    || ARRAY(SELECT b.relid FROM _schemagate.baseline b
             WHERE b.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND b.objid = ANY (rels) AND NOT b.self);
  DELETE FROM _schemagate.baseline b USING _schemagate.touched t WHERE b.classid = t.classid AND b.objid = t.objid;
  DELETE FROM _schemagate.baseline b WHERE b.relid = ANY (rels);
  -- The relations, their indexes and identity sequences, and pg_class objects touched on their own.
  objs := ARRAY(
    SELECT pg_catalog.unnest(rels)
    UNION SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = ANY (rels)
    UNION SELECT d.objid FROM pg_catalog.pg_depend d
      WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = ANY (rels)
        AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'i'
    UNION SELECT t.objid FROM _schemagate.touched t
      WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_class'::pg_catalog.regclass);
  INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
    FROM _schemagate.relations v
    WHERE v.oid = ANY (objs) AND v.collection IS NOT NULL AND ${USER_SCHEMA}
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.types v
    WHERE v.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_type'::pg_catalog.regclass))
      AND v.collection IS NOT NULL AND ${USER_SCHEMA}
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.routines v
    WHERE v.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass))
      AND ${USER_SCHEMA}
  UNION ALL
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
    FROM pg_catalog.pg_namespace n
    WHERE n.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass))
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
    FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
    WHERE i.inhrelid = ANY (rels) AND v.collection IS NOT NULL AND ${USER_SCHEMA};
  DELETE FROM _schemagate.touched;
END
$fn$`;

/**
 * What the triggers recorded since the last reset, as (collection, key) rows: `all` when a record
 * cannot be mapped with certainty (a wrong narrow scope would hide a difference; a full one only
 * costs time). It also puts the scope's object ids into the session settings that scoped queries
 * read (queries/scope.ts), so that the snapshot can follow in the same flight. Three sources
 * besides the direct records:
 * - dropped indexes, routines and types are resolved by object id from the baseline or from an
 *   earlier record of the same object (the catalog row is gone by sql_drop);
 * - an object whose key changed (RENAME, SET SCHEMA) means `all`: other objects render its name;
 * - touched relations bring their partitions and inheritance children (now and at reset: ADD
 *   COLUMN and CREATE INDEX propagate, DETACH changes the child) and the views that depend on them;
 *   touched types bring the relations and types whose columns, defaults or checks use them (an
 *   enum label renamed shows up in every default that names it).
 * Every lookup goes by object id through a catalog index, so it costs what the step touched.
 */
const COLLECT_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.collect() RETURNS TABLE (scope_collection text, scope_key text)
LANGUAGE plpgsql ${SMALL_LOOKUPS} AS $fn$
DECLARE
  colls text[];
  keys text[];
  rels text[];
  seqs text[];
  typs text[];
  procs text[];
  nsps text[];
  exts text[];
BEGIN
  WITH RECURSIVE
  t AS MATERIALIZED (SELECT * FROM _schemagate.touched),
  direct AS (
    SELECT t.collection, t.key FROM t WHERE t.collection IS NOT NULL
    UNION ALL
    SELECT COALESCE(b.collection, e.collection, 'all'), COALESCE(b.key, e.key)
    FROM t
    LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.baseline x
      WHERE x.classid = t.classid AND x.objid = t.objid AND x.self LIMIT 1) b ON true
    LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.touched x
      WHERE x.classid = t.classid AND x.objid = t.objid AND x.phase = 'end' AND x.key IS NOT NULL LIMIT 1) e ON true
    WHERE t.collection IS NULL
  ),
  identities AS (
    SELECT t.classid, t.objid, t.collection || ' ' || t.key AS ck FROM t
    WHERE t.phase = 'end' AND t.key IS NOT NULL
      AND t.classid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass,
                        'pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass)
    UNION
    SELECT b.classid, b.objid, b.collection || ' ' || b.key
    FROM (SELECT DISTINCT t.classid, t.objid FROM t WHERE t.phase = 'end') te
    JOIN _schemagate.baseline b ON b.classid = te.classid AND b.objid = te.objid AND b.self
  ),
  renamed AS (
    SELECT 'all'::text AS collection, NULL::text AS key
    WHERE EXISTS (SELECT 1 FROM identities GROUP BY classid, objid HAVING pg_catalog.count(DISTINCT ck) > 1)
  ),
  touched_types AS (
    SELECT t.objid AS oid FROM t WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
    UNION
    -- ALTER TYPE on a composite type is recorded against its pg_class row.
    SELECT c.reltype FROM t JOIN pg_catalog.pg_class c ON c.oid = t.objid
    WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.relkind = 'c'
  ),
  type_users AS (
    SELECT d.classid, d.objid FROM touched_types tt
    JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid = tt.oid
  ),
  seeds AS (
    SELECT t.relid AS oid FROM t WHERE t.relid IS NOT NULL
    UNION
    SELECT CASE u.classid
      WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN u.objid
      WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT x.adrelid FROM pg_catalog.pg_attrdef x WHERE x.oid = u.objid)
      WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN (SELECT NULLIF(x.conrelid, 0) FROM pg_catalog.pg_constraint x WHERE x.oid = u.objid)
      WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT x.ev_class FROM pg_catalog.pg_rewrite x WHERE x.oid = u.objid)
      WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN (SELECT x.tgrelid FROM pg_catalog.pg_trigger x WHERE x.oid = u.objid)
      WHEN 'pg_catalog.pg_policy'::pg_catalog.regclass THEN (SELECT x.polrelid FROM pg_catalog.pg_policy x WHERE x.oid = u.objid)
    END FROM type_users u
  ),
  closure AS (
    SELECT oid FROM seeds WHERE oid IS NOT NULL
    UNION
    -- Children now, children at the last reset, and views whose rules read the relation.
    SELECT x.child FROM closure c CROSS JOIN LATERAL (
      SELECT i.inhrelid FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid
      UNION ALL
      SELECT b.relid FROM _schemagate.baseline b
      WHERE b.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND b.objid = c.oid AND NOT b.self AND b.relid IS NOT NULL
      UNION ALL
      SELECT rw.ev_class FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
      WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = c.oid
        AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND rw.ev_class <> c.oid
    ) x(child)
  ),
  dependents AS (
    -- LIMIT keeps the lookup a per-oid index probe: flattened into a join, the planner (which
    -- cannot estimate a recursive CTE) would hash all of pg_class.
    SELECT r.collection, r.key FROM closure c CROSS JOIN LATERAL (
      SELECT CASE WHEN rc.relkind IN ('v', 'm') THEN 'views' ELSE 'tables' END, rn.nspname || '.' || rc.relname
      FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE rc.oid = c.oid AND rc.relkind IN ('r', 'p', 'f', 'v', 'm') LIMIT 1
    ) r(collection, key)
    UNION ALL
    SELECT v.collection, v.key FROM type_users u JOIN _schemagate.types v ON v.oid = u.objid
    WHERE u.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND v.collection IS NOT NULL
  )
  SELECT COALESCE(pg_catalog.array_agg(x.collection), '{}'), COALESCE(pg_catalog.array_agg(x.key), '{}')
    INTO colls, keys
    FROM (SELECT DISTINCT y.collection, y.key FROM (
      SELECT * FROM direct UNION ALL SELECT * FROM renamed UNION ALL SELECT * FROM dependents) y) x;
  IF 'all' = ANY (colls) OR EXISTS (SELECT 1 FROM pg_catalog.unnest(keys) k WHERE k IS NULL) THEN
    -- The caller takes a full snapshot: the scoped queries that follow in the flight read nothing.
    colls := '{all}';
    keys := '{NULL}';
  END IF;
  rels := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c IN ('tables', 'views', 'relation'));
  seqs := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'sequences');
  typs := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c IN ('enums', 'types'));
  procs := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'routines');
  nsps := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'namespaces');
  exts := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'extensions');
  PERFORM ${setScopeExpressions({ rels: 'rels', seqs: 'seqs', types: 'typs', procs: 'procs', nsps: 'nsps', exts: 'exts' }).join(',\n    ')};
  RETURN QUERY SELECT u.c, u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k);
END
$fn$`;

/**
 * collect() and the scoped queries of every kind in one call, each kind's rows as one JSON array:
 * one statement instead of fourteen saves the server and the driver their per-statement work,
 * which is most of the cost of a step's snapshot. The queries are the introspector's own (read
 * from introspect.ts), so both paths render the same rows; the queries produce only text, int4,
 * booleans and arrays of them, which JSON carries with the same values node-postgres parses.
 * $1 inside the queries is this function's first argument, the excluded table names. A kind whose
 * list of object ids is empty would read nothing and is not run at all: after the down of a
 * CREATE TABLE, say, nothing in the scope exists any more, and the call costs only the collect.
 */
const COLLECT_SNAPSHOT_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.collect_snapshot(excluded text[]) RETURNS TABLE (kind text, data json)
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY SELECT 'scope'::text, (SELECT COALESCE(pg_catalog.json_agg(x), '[]')
    FROM (SELECT c.scope_collection AS collection, c.scope_key AS key FROM _schemagate.collect() c) x);
${KINDS.map(
  (k) => `  IF pg_catalog.current_setting('${scopeSetting(k.list)}') <> '{}' THEN
    RETURN QUERY SELECT '${k.kind}'::text, (SELECT COALESCE(pg_catalog.json_agg(q), '[]') FROM (${k.query('scope').text}) q);
  END IF;`,
).join('\n')}
END
$fn$`;

function logRow(collection: string, extra = ''): string {
  return `INSERT INTO _schemagate.touched (phase, classid, objid, collection, command_tag, object_type, identity${extra ? ', key' : ''})
      VALUES ('end', r.classid, r.objid, ${collection}, r.command_tag, r.object_type, r.object_identity${extra ? `, ${extra}` : ''})`;
}

const DDL_END_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.on_ddl_end() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
DECLARE
  r record;
  rel oid;
BEGIN
  FOR r IN SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands() LOOP
    -- GRANT/REVOKE have no object; extension scripts create extension members, which snapshots skip.
    CONTINUE WHEN r.classid IS NULL OR r.in_extension OR r.schema_name = '_schemagate';
    IF r.object_type = 'table column' AND r.command_tag = 'ALTER TABLE' THEN
      -- A renamed column: other tables' foreign keys, views and policies render its new name.
      ${logRow("'all'")};
      CONTINUE;
    END IF;
    rel := CASE r.classid
      WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN r.objid
      WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN
        (SELECT NULLIF(x.conrelid, 0) FROM pg_catalog.pg_constraint x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN (SELECT x.tgrelid FROM pg_catalog.pg_trigger x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_policy'::pg_catalog.regclass THEN (SELECT x.polrelid FROM pg_catalog.pg_policy x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT x.adrelid FROM pg_catalog.pg_attrdef x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT x.ev_class FROM pg_catalog.pg_rewrite x WHERE x.oid = r.objid)
    END;
    IF rel IS NOT NULL THEN
      INSERT INTO _schemagate.touched (phase, classid, objid, relid, collection, key, command_tag, object_type, identity)
      SELECT 'end', r.classid, r.objid, v.relid, v.collection, v.key, r.command_tag, r.object_type, r.object_identity
        FROM _schemagate.relations v WHERE v.oid = rel AND v.collection IS NOT NULL;
    ELSIF r.classid IN ('pg_catalog.pg_constraint'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass) THEN
      INSERT INTO _schemagate.touched (phase, classid, objid, collection, key, command_tag, object_type, identity)
      SELECT 'end', 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, r.command_tag, r.object_type, r.object_identity
        FROM _schemagate.types v
        WHERE v.oid = CASE WHEN r.classid = 'pg_catalog.pg_type'::pg_catalog.regclass THEN r.objid
                ELSE (SELECT x.contypid FROM pg_catalog.pg_constraint x WHERE x.oid = r.objid) END
          AND v.collection IS NOT NULL;
    ELSIF r.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass THEN
      INSERT INTO _schemagate.touched (phase, classid, objid, collection, key, command_tag, object_type, identity)
      SELECT 'end', r.classid, r.objid, v.collection, v.key, r.command_tag, r.object_type, r.object_identity
        FROM _schemagate.routines v WHERE v.oid = r.objid;
    ELSIF r.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass THEN
      ${logRow("'namespaces'", '(SELECT x.nspname::text FROM pg_catalog.pg_namespace x WHERE x.oid = r.objid)')};
    ELSIF r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND r.command_tag <> 'ALTER EXTENSION' THEN
      ${logRow("'extensions'", '(SELECT x.extname::text FROM pg_catalog.pg_extension x WHERE x.oid = r.objid)')};
    ELSE
      -- Casts, operators, ALTER EXTENSION (members come and go), ...: not narrowed.
      ${logRow("'all'")};
    END IF;
  END LOOP;
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('end', 'all', SQLERRM);
END
$fn$`;

const RELATION_PARTS = `'table column', 'default value', 'table constraint', 'trigger', 'policy', 'rule'`;
const BY_OBJECT_ID = `'index', 'function', 'procedure', 'aggregate', 'type', 'domain', 'composite type'`;

/**
 * One set-based INSERT for the whole list: DROP SCHEMA ... CASCADE can drop thousands of objects,
 * and a statement (or a subtransaction) per object would make the user's migration crawl.
 */
const SQL_DROP_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.on_sql_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
  WITH d AS MATERIALIZED (
    SELECT * FROM pg_catalog.pg_event_trigger_dropped_objects() o
    WHERE NOT o.is_temporary AND COALESCE(o.schema_name, '') <> '_schemagate'
      AND COALESCE(o.schema_name, '') NOT LIKE 'pg\\_toast%' AND COALESCE(o.schema_name, '') NOT LIKE 'pg\\_temp\\_%'
      AND o.object_type NOT IN ('toast table', 'domain constraint')
  ),
  flags AS (SELECT COALESCE(pg_catalog.bool_or(d.object_type = 'extension'), false) AS extension FROM d)
  INSERT INTO _schemagate.touched (phase, classid, objid, collection, key, object_type, identity)
  SELECT 'drop', d.classid, d.objid,
    CASE
      WHEN d.object_type IN ('table', 'foreign table') THEN 'tables'
      WHEN d.object_type IN ('view', 'materialized view') THEN 'views'
      WHEN d.object_type = 'sequence' THEN 'sequences'
      -- address_names names the table while the catalog row is gone; a trigger or rule may be on a view.
      WHEN d.object_type IN (${RELATION_PARTS}) THEN 'relation'
      -- Resolved by object id at collect(), from the baseline or an earlier record.
      WHEN d.object_type IN (${BY_OBJECT_ID}) THEN NULL
      WHEN d.object_type = 'schema' THEN 'namespaces'
      WHEN d.object_type = 'extension' THEN 'extensions'
      ELSE 'all'
    END,
    CASE
      WHEN d.object_type IN ('schema', 'extension') THEN d.address_names[1]
      WHEN d.object_type IN ('table', 'foreign table', 'view', 'materialized view', 'sequence', ${RELATION_PARTS})
        THEN d.address_names[1] || '.' || d.address_names[2]
    END,
    d.object_type, d.object_identity
  FROM d, flags
  -- The row type and array type of a dropped table, view or composite type are not model objects.
  WHERE NOT (d.object_type = 'type' AND (d.object_identity LIKE '%[]' OR EXISTS (
      SELECT 1 FROM d r WHERE r.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND r.object_identity = d.object_identity)))
    -- The operators, casts, base types ... of an extension being dropped are not model objects either.
    AND NOT (flags.extension AND d.object_type NOT IN ('table', 'foreign table', 'view', 'materialized view', 'sequence',
      'schema', 'extension', ${RELATION_PARTS}) AND NOT EXISTS (
        SELECT 1 FROM _schemagate.baseline b WHERE b.classid = d.classid AND b.objid = d.objid AND b.self
        UNION ALL
        SELECT 1 FROM _schemagate.touched t WHERE t.classid = d.classid AND t.objid = d.objid AND t.key IS NOT NULL));
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('drop', 'all', SQLERRM);
END
$fn$`;

const EVENT_TRIGGERS = `
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'schemagate_ddl_end') THEN
    CREATE EVENT TRIGGER schemagate_ddl_end ON ddl_command_end EXECUTE FUNCTION _schemagate.on_ddl_end();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'schemagate_sql_drop') THEN
    CREATE EVENT TRIGGER schemagate_sql_drop ON sql_drop EXECUTE FUNCTION _schemagate.on_sql_drop();
  END IF;
  -- ALWAYS: a migration that sets session_replication_role = replica (data migrations do, to skip
  -- foreign-key triggers) would otherwise run its DDL unrecorded, and the step's scope would miss it.
  ALTER EVENT TRIGGER schemagate_ddl_end ENABLE ALWAYS;
  ALTER EVENT TRIGGER schemagate_sql_drop ENABLE ALWAYS;
END
$do$`;

/** Idempotent; run in one transaction under an advisory lock so two installs cannot interleave. */
export const INSTALL_STATEMENTS: string[] = [
  "SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('schemagate tracker install'))",
  'CREATE SCHEMA IF NOT EXISTS _schemagate',
  LOG_TABLES,
  RELATIONS_VIEW,
  TYPES_VIEW,
  ROUTINES_VIEW,
  RESET_FUNCTION,
  COLLECT_FUNCTION,
  COLLECT_SNAPSHOT_FUNCTION,
  DDL_END_FUNCTION,
  SQL_DROP_FUNCTION,
  EVENT_TRIGGERS,
];
