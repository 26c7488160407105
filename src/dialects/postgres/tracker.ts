/**
 * Change tracking by event trigger (see tracker-install.ts). collect() turns what the triggers
 * recorded since reset() into a Scope, and falls back to `{all: true}` whenever a record cannot be
 * mapped with certainty: a wrong narrow scope would hide a difference, a full one only costs time.
 */
import type pg from 'pg';
import {
  FULL_SCOPE,
  SCHEMA_COLLECTIONS,
  type Schema,
  type SchemaCollection,
  type Scope,
} from '../../schema/model.js';
import type { ChangeTracker } from '../dialect.js';
import type { Rows } from './assemble.js';
import { connectPg } from './connect.js';
import { assembleRows } from './introspect.js';
import type { NamedQuery } from './queries/run.js';
import { runNamed } from './queries/run.js';
import { INSTALL_STATEMENTS } from './tracker-install.js';

/** _schemagate.collect() (tracker-install.ts) maps the records to keys and sets the scope's object ids. */
const COLLECT_QUERY: NamedQuery = {
  name: 'schemagate_pg_tracker_collect_v2',
  text: 'SELECT scope_collection AS collection, scope_key AS key FROM _schemagate.collect()',
};

const COLLECT_SNAPSHOT_QUERY: NamedQuery = {
  name: 'schemagate_pg_tracker_collect_snapshot_v1',
  text: 'SELECT kind, data FROM _schemagate.collect_snapshot($1::text[])',
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

  constructor(
    private readonly client: pg.Client,
    private readonly excludedTables: string[],
  ) {}

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

  /**
   * collect() and the snapshot of its scope in one statement (_schemagate.collect_snapshot). When
   * the scope is `all`, the scoped queries read nothing and the caller takes a full snapshot.
   */
  async collectSnapshot(): Promise<{ scope: Scope; schema: Schema | null }> {
    const result = await runNamed<{ kind: string; data: unknown[] }>(this.client, COLLECT_SNAPSHOT_QUERY, [
      this.excludedTables,
    ]);
    const rows: Record<string, unknown[]> = {};
    for (const { kind, data } of result) rows[kind] = data;
    const scope = toScope((rows.scope ?? []) as CollectRow[]);
    if (scope.all) {
      this.fullRefresh = true;
      return { scope, schema: null };
    }
    return { scope, schema: assembleRows(rows as Partial<Rows>) };
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
export async function postgresTracker(
  url: string,
  excludedTables: string[],
): Promise<PostgresTracker | null> {
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
    const tracker = new PostgresTracker(client, excludedTables);
    await tracker.reset();
    return tracker;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}
