/**
 * Change tracking by event trigger (see tracker-install.ts). collect() turns what the triggers
 * recorded since reset() into a Scope, and falls back to `{all: true}` whenever a record cannot be
 * mapped with certainty: a wrong narrow scope would hide a difference, a full one only costs time.
 */
import type pg from 'pg';
import { FULL_SCOPE, SCHEMA_COLLECTIONS, type SchemaCollection, type Scope } from '../../schema/model.js';
import type { ChangeTracker } from '../dialect.js';
import { connectPg } from './connect.js';
import type { NamedQuery } from './queries/run.js';
import { runNamed } from './queries/run.js';
import { INSTALL_STATEMENTS } from './tracker-install.js';

/**
 * Every record mapped to (collection, key), or 'all'. Three sources besides the direct records:
 * - dropped indexes, routines and types are resolved by object id from the baseline or from an
 *   earlier record of the same object (the catalog row is gone by sql_drop);
 * - an object whose key changed (RENAME, SET SCHEMA) means 'all': other objects render its name;
 * - touched relations bring their partitions and inheritance children (now and at reset: ADD
 *   COLUMN and CREATE INDEX propagate, DETACH changes the child) and the views that depend on them;
 *   touched types bring the relations and types whose columns, defaults or checks use them (an
 *   enum label renamed shows up in every default that names it).
 */
const COLLECT_QUERY: NamedQuery = {
  name: 'schemagate_pg_tracker_collect_v1',
  text: `
WITH RECURSIVE
t AS (SELECT * FROM _schemagate.touched),
direct AS (
  SELECT t.collection, t.key FROM t WHERE t.collection IS NOT NULL
  UNION ALL
  SELECT COALESCE(b.collection, e.collection, 'all'), COALESCE(b.key, e.key)
  FROM t
  LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.baseline x
    WHERE x.classid = t.classid AND x.objid = t.objid AND x.self LIMIT 1) b ON true
  LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.touched x
    WHERE x.phase = 'end' AND x.classid = t.classid AND x.objid = t.objid AND x.key IS NOT NULL LIMIT 1) e ON true
  WHERE t.collection IS NULL
),
identities AS (
  SELECT t.classid, t.objid, t.collection || ' ' || t.key AS ck FROM t
  WHERE t.phase = 'end' AND t.key IS NOT NULL
    AND t.classid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass,
                      'pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass)
  UNION
  SELECT b.classid, b.objid, b.collection || ' ' || b.key FROM _schemagate.baseline b
  WHERE b.self AND EXISTS (SELECT 1 FROM t WHERE t.phase = 'end' AND t.classid = b.classid AND t.objid = b.objid)
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
  SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
  WHERE d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid IN (SELECT oid FROM touched_types)
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
edges AS (
  SELECT i.inhparent AS parent, i.inhrelid AS child FROM pg_catalog.pg_inherits i
  UNION ALL
  SELECT b.objid, b.relid FROM _schemagate.baseline b WHERE NOT b.self AND b.relid IS NOT NULL
  UNION ALL
  SELECT d.refobjid, rw.ev_class FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
  WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rw.ev_class <> d.refobjid
),
closure AS (
  SELECT oid FROM seeds WHERE oid IS NOT NULL
  UNION
  SELECT e.child FROM closure c JOIN edges e ON e.parent = c.oid
),
dependents AS (
  -- By oid through pg_class's index: joining the relations view would hash all of pg_class.
  SELECT CASE WHEN rc.relkind IN ('v', 'm') THEN 'views' ELSE 'tables' END, rn.nspname || '.' || rc.relname
  FROM closure c
  JOIN pg_catalog.pg_class rc ON rc.oid = c.oid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE rc.relkind IN ('r', 'p', 'f', 'v', 'm')
  UNION ALL
  SELECT v.collection, v.key FROM type_users u JOIN _schemagate.types v ON v.oid = u.objid
  WHERE u.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND v.collection IS NOT NULL
)
SELECT DISTINCT collection, key FROM (
  SELECT * FROM direct UNION ALL SELECT * FROM renamed UNION ALL SELECT * FROM dependents
) all_rows`,
};

type CollectRow = { collection: string; key: string | null };

function toScope(rows: CollectRow[]): Scope {
  const objects: Partial<Record<SchemaCollection, string[]>> = {};
  const add = (collection: SchemaCollection, key: string) => {
    const keys = objects[collection] ?? [];
    keys.push(key);
    objects[collection] = keys;
  };
  for (const { collection, key } of rows) {
    if (collection === 'all' || key === null) return FULL_SCOPE;
    // A dropped trigger, rule or policy names its relation, which may be a table or a view: a key
    // listed in a collection that does not hold it is harmless (absent before and after).
    if (collection === 'relation') {
      add('tables', key);
      add('views', key);
    } else if ((SCHEMA_COLLECTIONS as readonly string[]).includes(collection)) {
      add(collection as SchemaCollection, key);
    } else {
      return FULL_SCOPE;
    }
  }
  for (const keys of Object.values(objects)) keys.sort();
  return { all: false, objects };
}

export class PostgresTracker implements ChangeTracker {
  /** The next reset rebuilds the whole baseline: at the start, and after a collect that could not be narrowed. */
  private fullRefresh = true;

  constructor(private readonly client: pg.Client) {}

  async reset(): Promise<void> {
    await this.client.query({
      name: 'schemagate_pg_tracker_reset_v2',
      text: 'SELECT _schemagate.reset($1)',
      values: [this.fullRefresh],
    });
    this.fullRefresh = false;
  }

  async collect(): Promise<Scope> {
    const scope = toScope(await runNamed<CollectRow>(this.client, COLLECT_QUERY, []));
    if (scope.all) this.fullRefresh = true;
    return scope;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

async function isSuperuser(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ rolsuper: boolean }>(
    'SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user',
  );
  return result.rows[0]?.rolsuper === true;
}

/**
 * Installs tracking in the database at `url` and returns a tracker that has been reset; null when
 * the role is not a superuser (event triggers need one), and the caller then takes full snapshots.
 */
export async function postgresTracker(url: string): Promise<PostgresTracker | null> {
  const client = await connectPg(url);
  try {
    if (!(await isSuperuser(client))) {
      await client.end();
      return null;
    }
    await client.query('BEGIN');
    try {
      for (const statement of INSTALL_STATEMENTS) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    const tracker = new PostgresTracker(client);
    await tracker.reset();
    return tracker;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}
