/**
 * A Postgres snapshot: one named query per kind of object for the whole database, assembled into
 * the engine-neutral Schema. A scoped snapshot runs only the queries its scope needs, each filtered
 * in SQL to the scope's keys.
 */
import type pg from 'pg';
import {
  emptySchema,
  type Index,
  type Schema,
  type SchemaCollection,
  type Scope,
  type Table,
} from '../../schema/model.js';
import type { Introspector } from '../dialect.js';
import {
  CONSTRAINT_KINDS,
  DEFAULT_NAME_LABEL,
  fkAction,
  fkMatch,
  foreignKeyDefinition,
  identityText,
  indexDefinition,
  looksGenerated,
  policyDefinition,
  triggerDefinition,
} from './normalise.js';
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

function tableOptions(row: TableRow): Record<string, string> {
  const options: Record<string, string> = {};
  if (row.partition_of) options['partition of'] = `${row.partition_of} ${row.partition_bound ?? ''}`.trim();
  if (row.partition_by) options['partition by'] = row.partition_by;
  if (row.inherits?.length) options.inherits = row.inherits.join(', ');
  if (row.rls) options.rls = row.rls_forced ? 'enabled, forced' : 'enabled';
  if (row.persistence === 'u') options.persistence = 'unlogged';
  if (row.reloptions?.length) options.storage = row.reloptions.join(', ');
  return options;
}

function toIndex(row: IndexRow): Index {
  const labels = row.constraint ? ['pkey', 'key', 'excl'] : ['idx'];
  return {
    name: row.name,
    definition: indexDefinition(row.indexdef, row.quoted_name, row.owner_ref, row.unique),
    unique: row.unique,
    method: row.method,
    columns: row.columns,
    include: row.include,
    where: row.predicate,
    constraint: row.constraint,
    generatedName: looksGenerated(row.owner_name, row.name, labels),
  };
}

/** The rows of one snapshot, before assembly. */
interface Rows {
  namespaces: NamespaceRow[];
  extensions: ExtensionRow[];
  enums: EnumRow[];
  types: TypeRow[];
  sequences: SequenceRow[];
  tables: TableRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  views: ViewRow[];
  routines: RoutineRow[];
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
    const {
      namespaces,
      extensions,
      enums,
      types,
      sequences,
      tables,
      columns,
      constraints,
      indexes,
      triggers,
      policies,
      views,
      routines,
    } = await this.fetch(scope);

    const schema = emptySchema('postgres');
    for (const r of namespaces) schema.namespaces[r.name] = { name: r.name, comment: r.comment };
    for (const r of extensions)
      schema.extensions[r.name] = { name: r.name, schema: r.schema, version: r.version };
    for (const r of enums) schema.enums[`${r.schema}.${r.name}`] = { ...r };
    for (const r of types) schema.types[`${r.schema}.${r.name}`] = { ...r };
    for (const r of sequences) {
      schema.sequences[`${r.schema}.${r.name}`] = {
        schema: r.schema,
        name: r.name,
        type: r.type,
        start: r.start,
        increment: r.increment,
        min: r.min,
        max: r.max,
        cache: r.cache,
        cycle: r.cycle,
        ownedBy: r.owned_by,
      };
    }
    for (const r of tables) schema.tables[`${r.schema}.${r.name}`] = this.table(r);
    this.fillTables(schema.tables, columns, constraints, triggers, policies);
    for (const r of views) {
      const options = r.reloptions?.length ? `WITH (${r.reloptions.join(', ')})\n` : '';
      schema.views[`${r.schema}.${r.name}`] = {
        schema: r.schema,
        name: r.name,
        materialized: r.materialized,
        definition: `${options}${r.definition}`,
        columns: r.columns,
        indexes: {},
        comment: r.comment,
      };
    }
    for (const r of indexes) {
      const owner = r.owner_kind === 'm' ? schema.views[r.owner_key] : schema.tables[r.owner_key];
      if (owner) owner.indexes[r.name] = toIndex(r);
    }
    for (const r of routines) {
      schema.routines[`${r.schema}.${r.name}(${r.arguments})`] = { ...r };
    }
    return schema;
  }

  private table(r: TableRow): Table {
    return {
      schema: r.schema,
      name: r.name,
      kind: r.relkind === 'p' ? 'partitioned table' : r.relkind === 'f' ? 'foreign table' : 'table',
      columns: {},
      constraints: {},
      indexes: {},
      triggers: {},
      policies: {},
      options: tableOptions(r),
      comment: r.comment,
    };
  }

  private fillTables(
    tables: Record<string, Table>,
    columns: ColumnRow[],
    constraints: ConstraintRow[],
    triggers: TriggerRow[],
    policies: PolicyRow[],
  ): void {
    for (const r of columns) {
      const table = tables[r.table_key];
      if (!table) continue;
      table.columns[r.name] = {
        name: r.name,
        position: r.position,
        type: r.type,
        nullable: r.nullable,
        default: r.default,
        identity: identityText(r.identity, r.type, {
          start: r.seq_start,
          increment: r.seq_increment,
          min: r.seq_min,
          max: r.seq_max,
          cache: r.seq_cache,
          cycle: r.seq_cycle,
        }),
        generated: r.generated === null ? null : `${r.generated} stored`,
        collation: r.collation,
        comment: r.comment,
      };
    }
    for (const r of constraints) {
      const table = tables[r.table_key];
      const kind = CONSTRAINT_KINDS[r.contype];
      if (!table || !kind) continue;
      const foreign = kind === 'foreign key';
      table.constraints[r.name] = {
        name: r.name,
        kind,
        definition: foreign ? foreignKeyDefinition(r.definition) : r.definition,
        columns: r.columns,
        generatedName: looksGenerated(r.table_name, r.name, [DEFAULT_NAME_LABEL[kind]]),
        ...(foreign
          ? {
              foreignKey: {
                table: r.ref_table ?? '',
                columns: r.ref_columns ?? [],
                onDelete: fkAction(r.on_delete),
                onUpdate: fkAction(r.on_update),
                match: fkMatch(r.match),
              },
            }
          : {}),
        deferrable: !r.deferrable
          ? 'not deferrable'
          : r.deferred
            ? 'deferrable initially deferred'
            : 'deferrable initially immediate',
      };
    }
    for (const r of triggers) {
      const table = tables[r.table_key];
      if (table)
        table.triggers[r.name] = { name: r.name, definition: triggerDefinition(r.definition, r.enabled) };
    }
    for (const r of policies) {
      const table = tables[r.table_key];
      if (table) table.policies[r.name] = { name: r.name, definition: policyDefinition(r) };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => {})));
  }
}
