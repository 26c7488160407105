/**
 * A Postgres snapshot: one named query per kind of object, assembled into the engine-neutral
 * Schema. A full snapshot runs the queries in two lanes (two connections); a scoped one first puts
 * the scope's object ids into session settings and then runs the scoped variants, which find their
 * rows through the catalogs' oid indexes. Connections are pipelined (connect.ts), so a lane's
 * queries go out in one flight: a scoped snapshot costs one round trip however many kinds it reads.
 */
import type pg from 'pg';
import type { Schema, SchemaCollection, Scope } from '../../schema/model.js';
import type { Introspector } from '../dialect.js';
import { assembleSchema, type Rows } from './assemble.js';
import { columnsQuery } from './queries/columns.js';
import { constraintsQuery } from './queries/constraints.js';
import { enumsQuery } from './queries/enums.js';
import { extensionsQuery } from './queries/extensions.js';
import type { Reach, ScopeList } from './queries/filters.js';
import { indexesQuery } from './queries/indexes.js';
import { namespacesQuery } from './queries/namespaces.js';
import { policiesQuery } from './queries/policies.js';
import { routinesQuery } from './queries/routines.js';
import { type NamedQuery, runNamed } from './queries/run.js';
import { setScopeQuery } from './queries/scope.js';
import { sequencesQuery } from './queries/sequences.js';
import { tablesQuery } from './queries/tables.js';
import { triggersQuery } from './queries/triggers.js';
import { typesQuery } from './queries/types.js';
import { viewsQuery } from './queries/views.js';

interface KindQuery {
  kind: keyof Rows;
  query: (reach: Reach) => NamedQuery;
  /** Takes the excluded table names as $1. */
  excludes: boolean;
  /** The scope list it reads. */
  list: ScopeList;
  /** 0 or 1: the lane of a full snapshot, balanced by server time on a 500-table schema. */
  lane: 0 | 1;
}

/** Every kind; the tracker's collect_snapshot() runs all of them, its scope being known only on the server. */
export const KINDS: KindQuery[] = [
  { kind: 'columns', query: columnsQuery, excludes: true, list: 'rels', lane: 0 },
  { kind: 'tables', query: tablesQuery, excludes: true, list: 'rels', lane: 0 },
  { kind: 'sequences', query: sequencesQuery, excludes: true, list: 'seqs', lane: 0 },
  { kind: 'namespaces', query: namespacesQuery, excludes: false, list: 'nsps', lane: 0 },
  { kind: 'extensions', query: extensionsQuery, excludes: false, list: 'exts', lane: 0 },
  { kind: 'enums', query: enumsQuery, excludes: false, list: 'types', lane: 0 },
  { kind: 'types', query: typesQuery, excludes: false, list: 'types', lane: 0 },
  { kind: 'indexes', query: indexesQuery, excludes: true, list: 'rels', lane: 1 },
  { kind: 'constraints', query: constraintsQuery, excludes: true, list: 'rels', lane: 1 },
  { kind: 'triggers', query: triggersQuery, excludes: true, list: 'rels', lane: 1 },
  { kind: 'policies', query: policiesQuery, excludes: true, list: 'rels', lane: 1 },
  { kind: 'views', query: viewsQuery, excludes: false, list: 'rels', lane: 1 },
  { kind: 'routines', query: routinesQuery, excludes: false, list: 'procs', lane: 1 },
];

/** Which scope list holds each collection's keys. */
const LIST_OF: Record<SchemaCollection, ScopeList> = {
  tables: 'rels',
  views: 'rels',
  sequences: 'seqs',
  enums: 'types',
  types: 'types',
  routines: 'procs',
  namespaces: 'nsps',
  extensions: 'exts',
};

function emptyRows(): Rows {
  return Object.fromEntries(KINDS.map((k) => [k.kind, []])) as unknown as Rows;
}

/**
 * Sends `kinds` on one pipelined connection, after `prelude` when given (which sets the scope), and
 * collects their rows. Returns the prelude's rows too.
 */
async function runLane<P extends pg.QueryResultRow>(
  client: pg.Client,
  reach: Reach,
  kinds: KindQuery[],
  excluded: string[],
  prelude?: { query: NamedQuery; values: unknown[] },
): Promise<{ prelude: P[]; rows: Partial<Rows> }> {
  const first = prelude ? runNamed<P>(client, prelude.query, prelude.values) : Promise.resolve([] as P[]);
  const results = kinds.map((k) => runNamed(client, k.query(reach), k.excludes ? [excluded] : []));
  // Every query is already on the wire: wait for all of them, so that none is left unread when one fails.
  const settled = await Promise.allSettled([first, ...results]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const values = settled.map((s) => (s as PromiseFulfilledResult<pg.QueryResultRow[]>).value);
  const rows: Partial<Rows> = {};
  kinds.forEach((k, i) => {
    (rows as Record<string, unknown>)[k.kind] = values[i + 1];
  });
  return { prelude: values[0] as P[], rows };
}

export function assembleRows(rows: Partial<Rows>): Schema {
  return assembleSchema({ ...emptyRows(), ...rows });
}

export class PostgresIntrospector implements Introspector {
  /**
   * `clients` are one or two pipelined connections to the same database. With two, a full snapshot
   * runs in two lanes in parallel (a 500-table snapshot is mostly server time for pg_get_* renderings,
   * which the server does on as many cores as there are backends).
   */
  constructor(
    private readonly clients: pg.Client[],
    private readonly excludedTables: string[],
  ) {}

  private async full(): Promise<Schema> {
    const [first, second] = [this.clients[0]!, this.clients[1]];
    const lane = (n: 0 | 1) => KINDS.filter((k) => k.lane === n);
    if (second) {
      const [a, b] = await Promise.all([
        runLane(first, 'all', lane(0), this.excludedTables),
        runLane(second, 'all', lane(1), this.excludedTables),
      ]);
      return assembleRows({ ...a.rows, ...b.rows });
    }
    return assembleRows((await runLane(first, 'all', KINDS, this.excludedTables)).rows);
  }

  async snapshot(scope?: Scope): Promise<Schema> {
    if (!scope || scope.all) return this.full();
    const keys: Record<ScopeList, string[]> = {
      rels: [],
      seqs: [],
      types: [],
      procs: [],
      nsps: [],
      exts: [],
    };
    for (const [collection, list] of Object.entries(scope.objects) as [SchemaCollection, string[]][]) {
      keys[LIST_OF[collection]].push(...list);
    }
    const kinds = KINDS.filter((k) => keys[k.list].length > 0);
    if (kinds.length === 0) return assembleRows({});
    const { rows } = await runLane(this.clients[0]!, 'scope', kinds, this.excludedTables, {
      query: setScopeQuery,
      values: [keys.rels, keys.seqs, keys.types, keys.procs, keys.nsps, keys.exts],
    });
    return assembleRows(rows);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => {})));
  }
}
