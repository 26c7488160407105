/**
 * Assembly of the rows of one snapshot (one array per kind of object) into the engine-neutral
 * Schema, with the dialect's few normalisations.
 */
import { emptySchema, type Index, type Schema, type Table } from '../../schema/model.js';
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
import type { ColumnRow } from './queries/columns.js';
import type { ConstraintRow } from './queries/constraints.js';
import type { EnumRow } from './queries/enums.js';
import type { ExtensionRow } from './queries/extensions.js';
import type { IndexRow } from './queries/indexes.js';
import type { NamespaceRow } from './queries/namespaces.js';
import type { PolicyRow } from './queries/policies.js';
import type { RoutineRow } from './queries/routines.js';
import type { SequenceRow } from './queries/sequences.js';
import type { TableRow } from './queries/tables.js';
import type { TriggerRow } from './queries/triggers.js';
import type { TypeRow } from './queries/types.js';
import type { ViewRow } from './queries/views.js';

/** The rows of one snapshot, before assembly. */
export interface Rows {
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

/** attnum -> column row, per table key: names the columns that constraints and indexes list by number. */
type Attributes = Map<string, Map<number, ColumnRow>>;

function attributesOf(columns: ColumnRow[]): Attributes {
  const byTable: Attributes = new Map();
  for (const c of columns) {
    const table = byTable.get(c.table_key) ?? new Map<number, ColumnRow>();
    table.set(c.attnum, c);
    byTable.set(c.table_key, table);
  }
  return byTable;
}

/** `DESC`, `NULLS FIRST`: only what differs from the default ordering, as pg_get_indexdef writes it. */
function ordering(option: number): string {
  const desc = (option & 1) === 1;
  const nullsFirst = (option & 2) === 2;
  if (desc) return nullsFirst ? ' DESC' : ' DESC NULLS LAST';
  return nullsFirst ? ' NULLS FIRST' : '';
}

function toIndex(row: IndexRow, attributes: Attributes): Index {
  const labels = row.constraint ? ['pkey', 'key', 'excl'] : ['idx'];
  const table = attributes.get(row.owner_key);
  const column = (k: number): string =>
    row.rendered?.[k] ?? table?.get(row.indkey[k]!)?.quoted ?? `#${row.indkey[k]}`;
  const columns = row.indkey
    .slice(0, row.key_count)
    .map((_, k) => column(k) + ordering(row.indoption[k] ?? 0));
  const include = row.indkey.slice(row.key_count).map((_, k) => column(row.key_count + k));
  return {
    name: row.name,
    definition: indexDefinition(row.indexdef, row.quoted_name, row.owner_ref, row.unique),
    unique: row.unique,
    method: row.method,
    columns,
    include,
    where: row.predicate,
    constraint: row.constraint,
    generatedName: looksGenerated(row.owner_name, row.name, labels),
  };
}

export function assembleSchema(rows: Rows): Schema {
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
  } = rows;

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
  for (const r of tables) schema.tables[`${r.schema}.${r.name}`] = toTable(r);
  const attributes = attributesOf(columns);
  fillTables(schema.tables, columns, constraints, triggers, policies, attributes);
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
    if (owner) owner.indexes[r.name] = toIndex(r, attributes);
  }
  for (const r of routines) {
    schema.routines[`${r.schema}.${r.name}(${r.arguments})`] = { ...r };
  }
  return schema;
}

function toTable(r: TableRow): Table {
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

function fillTables(
  tables: Record<string, Table>,
  columns: ColumnRow[],
  constraints: ConstraintRow[],
  triggers: TriggerRow[],
  policies: PolicyRow[],
  attributes: Attributes,
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
      generated:
        r.generated === null ? null : `${r.generated} ${r.generated_kind === 'v' ? 'virtual' : 'stored'}`,
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
      columns: r.conkey.map((n) => attributes.get(r.table_key)?.get(n)?.name ?? `#${n}`),
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
