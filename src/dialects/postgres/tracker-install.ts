/**
 * The SQL that installs change tracking in one database: a schema `_schemagate` (left out of every
 * snapshot), a log of touched objects, a baseline of object ids taken at each reset, and event
 * triggers on ddl_command_end and sql_drop. Event triggers fire for every connection in the
 * database, which is what we want: migrations run on the migration tool's own connections.
 *
 * The triggers only record; collect() (tracker.ts) turns the records into a Scope. A failure inside
 * a trigger records "unknown" instead of failing the user's migration.
 */

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
CREATE INDEX IF NOT EXISTS touched_object ON _schemagate.touched (classid, objid)`;

const USER_SCHEMA = `schema_name NOT IN ('pg_catalog', 'information_schema', '_schemagate')
  AND schema_name NOT LIKE 'pg\\_toast%' AND schema_name NOT LIKE 'pg\\_temp\\_%'`;

/**
 * Object ids -> keys as they are now, and which relations are children of which (for DETACH).
 *
 * reset(true) rebuilds the baseline from the catalogs. reset(false) refreshes only what the last
 * step touched: an object's key can change only through a rename or a SET SCHEMA, which collect()
 * answers with `all` (and the caller then asks for a full reset), so rows of untouched objects are
 * still right, and the refresh costs what the step touched instead of the size of the schema.
 */
const RESET_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.reset(full_refresh boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  colls text[];
  keys text[];
  rels oid[];
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
  -- Touched keys (a dropped trigger or rule names a relation that may be a table or a view), and
  -- the keys of objects dropped by id (indexes, routines, types), from their baseline rows.
  SELECT COALESCE(pg_catalog.array_agg(x.collection), '{}'), COALESCE(pg_catalog.array_agg(x.key), '{}')
    INTO colls, keys
    FROM (
      SELECT DISTINCT CASE WHEN t.collection = 'relation' THEN c.c ELSE t.collection END AS collection, t.key
        FROM _schemagate.touched t
        LEFT JOIN (VALUES ('tables'), ('views')) c(c) ON t.collection = 'relation'
        WHERE t.key IS NOT NULL AND t.collection IS NOT NULL
      UNION
      SELECT b.collection, b.key FROM _schemagate.touched t
        JOIN _schemagate.baseline b ON b.classid = t.classid AND b.objid = t.objid AND b.self
        WHERE t.collection IS NULL
    ) x;
  SELECT COALESCE(pg_catalog.array_agg(DISTINCT t.relid), '{}') INTO rels FROM _schemagate.touched t WHERE t.relid IS NOT NULL;
  DELETE FROM _schemagate.baseline b USING _schemagate.touched t WHERE b.classid = t.classid AND b.objid = t.objid;
  DELETE FROM _schemagate.baseline b USING ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
    WHERE b.collection = k.collection AND b.key = k.key;
  DELETE FROM _schemagate.baseline b WHERE NOT b.self AND b.objid = ANY (rels);
  INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
    FROM _schemagate.relations v JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = v.collection AND k.key = v.key
    WHERE ${USER_SCHEMA}
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.types v JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = v.collection AND k.key = v.key
    WHERE ${USER_SCHEMA}
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.routines v JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = v.collection AND k.key = v.key
    WHERE ${USER_SCHEMA}
  UNION ALL
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
    FROM pg_catalog.pg_namespace n JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = 'namespaces' AND k.key = n.nspname::text
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
    FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
    WHERE v.collection IS NOT NULL AND ${USER_SCHEMA}
      AND (i.inhparent = ANY (rels) OR EXISTS (
        SELECT 1 FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key) WHERE k.collection = v.collection AND k.key = v.key));
  DELETE FROM _schemagate.touched;
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
  DDL_END_FUNCTION,
  SQL_DROP_FUNCTION,
  EVENT_TRIGGERS,
];
