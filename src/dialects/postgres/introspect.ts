/**
 * A Postgres snapshot: one named query per kind of object for the whole database, assembled into
 * the engine-neutral Schema. A scoped snapshot runs only the queries its scope needs, each filtered
 * in SQL to the scope's keys.
 */
import type pg from 'pg';
import type { Schema, SchemaCollection, Scope } from '../../schema/model.js';
import type { Introspector } from '../dialect.js';
import { assembleSchema, type Rows } from './assemble.js';
import { type ColumnRow, columnsQuery } from './queries/columns.js';
import { type ConstraintRow, constraintsQuery } from './queries/constraints.js';
import { type EnumRow, enumsQuery } from './queries/enums.js';
import { type ExtensionRow, extensionsQuery } from './queries/extensions.js';
import { type IndexRow, indexesQuery } from './queries/indexes.js';
import { type NamespaceRow, namespacesQuery } from './queries/namespaces.js';
import { type PolicyRow, policiesQuery } from './queries/policies.js';
import { type RoutineRow, routinesQuery } from './queries/routines.js';
import { runNamed } from './queries/run.js';
import { type SequenceRow, sequencesQuery } from './queries/sequences.js';
import { type TableRow, tablesQuery } from './queries/tables.js';
import { type TriggerRow, triggersQuery } from './queries/triggers.js';
import { type TypeRow, typesQuery } from './queries/types.js';
import { type ViewRow, viewsQuery } from './queries/views.js';

/** Scope keys per collection: null = everything, [] = nothing (the query is skipped). */
type Keys = Record<SchemaCollection, string[] | null>;

function keysFor(scope: Scope | undefined): Keys {
  const all = !scope || scope.all;
  const pick = (c: SchemaCollection) => (all ? null : (scope.objects[c] ?? []));
  return {
    namespaces: pick('namespaces'),
    extensions: pick('extensions'),
    enums: pick('enums'),
    types: pick('types'),
    sequences: pick('sequences'),
    tables: pick('tables'),
    views: pick('views'),
    routines: pick('routines'),
  };
}

function wanted(keys: string[] | null): boolean {
  return keys === null || keys.length > 0;
}

export class PostgresIntrospector implements Introspector {
  /**
   * `clients` are one or two connections to the same database. With two, the queries run in two
   * lanes in parallel (a 500-table snapshot is mostly server time for pg_get_* renderings, which
   * the server does on as many cores as there are backends).
   */
  constructor(
    private readonly clients: pg.Client[],
    private readonly excludedTables: string[],
  ) {}

  private async fetch(scope: Scope | undefined): Promise<Rows> {
    const k = keysFor(scope);
    const ex = this.excludedTables;
    const q = <R extends pg.QueryResultRow>(
      client: pg.Client,
      query: Parameters<typeof runNamed>[1],
      keys: string[] | null,
      values: unknown[],
    ): Promise<R[]> => (wanted(keys) ? runNamed<R>(client, query, values) : Promise.resolve([]));
    // One connection runs one query at a time (node-postgres deprecates queueing): each lane awaits in turn.
    const laneA = async (c: pg.Client) => ({
      columns: await q<ColumnRow>(c, columnsQuery, k.tables, [ex, k.tables]),
      tables: await q<TableRow>(c, tablesQuery, k.tables, [ex, k.tables]),
      sequences: await q<SequenceRow>(c, sequencesQuery, k.sequences, [ex, k.sequences]),
      namespaces: await q<NamespaceRow>(c, namespacesQuery, k.namespaces, [k.namespaces]),
      extensions: await q<ExtensionRow>(c, extensionsQuery, k.extensions, [k.extensions]),
      enums: await q<EnumRow>(c, enumsQuery, k.enums, [k.enums]),
      types: await q<TypeRow>(c, typesQuery, k.types, [k.types]),
    });
    const laneB = async (c: pg.Client) => ({
      indexes:
        wanted(k.tables) || wanted(k.views)
          ? await runNamed<IndexRow>(c, indexesQuery, [ex, k.tables, k.views])
          : [],
      constraints: await q<ConstraintRow>(c, constraintsQuery, k.tables, [ex, k.tables]),
      triggers: await q<TriggerRow>(c, triggersQuery, k.tables, [ex, k.tables]),
      policies: await q<PolicyRow>(c, policiesQuery, k.tables, [ex, k.tables]),
      views: await q<ViewRow>(c, viewsQuery, k.views, [k.views]),
      routines: await q<RoutineRow>(c, routinesQuery, k.routines, [k.routines]),
    });
    const [first, second] = [this.clients[0]!, this.clients[1]];
    if (second) {
      const [a, b] = await Promise.all([laneA(first), laneB(second)]);
      return { ...a, ...b };
    }
    return { ...(await laneA(first)), ...(await laneB(first)) };
  }

  async snapshot(scope?: Scope): Promise<Schema> {
    return assembleSchema(await this.fetch(scope));
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => {})));
  }
}
