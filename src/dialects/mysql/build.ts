/**
 * Assembles the engine-neutral Schema from the rows of one snapshot. Pure: the same rows always give
 * the same Schema (objects in name order), which is what makes two snapshots of one database equal.
 */
import { emptySchema, type Schema, type Table } from '../../schema/model.js';
import { buildColumn, mariadbJsonColumns } from './build-columns.js';
import { buildChecks, buildForeignKeys } from './build-constraints.js';
import { buildIndexes } from './build-indexes.js';
import { buildRoutines, buildSequence, buildTriggers, buildView } from './build-objects.js';
import { charsetOf } from './normalise.js';
import type { ColumnRow } from './queries/columns.js';
import type { CheckRow, ForeignKeyColumnRow, ForeignKeyRuleRow } from './queries/constraints.js';
import type { IndexPartRow } from './queries/indexes.js';
import type { ParameterRow, RoutineRow } from './queries/routines.js';
import type { SequenceRow, TableRow, ViewRow } from './queries/tables.js';
import type { TriggerRow } from './queries/triggers.js';
import type { ServerInfo } from './server.js';

export interface SnapshotRows {
  tables: TableRow[];
  columns: ColumnRow[];
  indexes: IndexPartRow[];
  foreignKeyColumns: ForeignKeyColumnRow[];
  foreignKeyRules: ForeignKeyRuleRow[];
  checks: CheckRow[];
  views: ViewRow[];
  triggers: TriggerRow[];
  routines: RoutineRow[];
  parameters: ParameterRow[];
  sequences: SequenceRow[];
}

function byTable<T extends { table: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.table);
    if (list) list.push(row);
    else out.set(row.table, [row]);
  }
  return out;
}

/** Table kinds by TABLE_TYPE; MariaDB's sequences and views are not tables. */
const TABLE_KINDS: Record<string, string> = {
  'BASE TABLE': 'table',
  'SYSTEM VERSIONED': 'system versioned table', // MariaDB 10.3+ WITH SYSTEM VERSIONING
};

/**
 * CREATE_OPTIONS holds only what CREATE/ALTER TABLE set explicitly (`row_format=DYNAMIC
 * stats_persistent=0 partitioned`), so each one is compared; a server default never shows up here.
 */
export function parseCreateOptions(text: string | null): {
  options: Record<string, string>;
  partitioned: boolean;
} {
  const options: Record<string, string> = {};
  let partitioned = false;
  for (const word of (text ?? '').trim().split(/\s+/).filter(Boolean)) {
    const at = word.indexOf('=');
    if (at === -1) {
      if (word.toLowerCase() === 'partitioned') partitioned = true;
      else options[word.toLowerCase()] = 'yes';
    } else options[word.slice(0, at).toLowerCase()] = word.slice(at + 1).replace(/^["']|["']$/g, '');
  }
  return { options, partitioned };
}

function buildTable(
  row: TableRow,
  kind: string,
  rows: {
    columns: ColumnRow[];
    indexes: IndexPartRow[];
    fkColumns: ForeignKeyColumnRow[];
    checks: CheckRow[];
    triggers: TriggerRow[];
  },
  rules: Map<string, ForeignKeyRuleRow>,
  server: ServerInfo,
  database: string,
): Table {
  const { options, partitioned } = parseCreateOptions(row.createOptions);
  if (row.engine) options.engine = row.engine;
  const charset = charsetOf(row.collation);
  if (charset) options.charset = charset;
  if (row.collation) options.collation = row.collation;
  const json = mariadbJsonColumns(server, rows.columns, rows.checks);
  const table: Table = {
    schema: '',
    name: row.name,
    kind: partitioned ? 'partitioned table' : kind,
    columns: {},
    constraints: {},
    indexes: {},
    triggers: buildTriggers(rows.triggers, database),
    policies: {},
    options: Object.fromEntries(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))),
    comment: row.comment ? row.comment : null,
  };
  for (const column of rows.columns) {
    table.columns[column.name] = buildColumn(
      column,
      { collation: row.collation },
      server,
      database,
      json.has(column.name),
    );
  }
  const fks = buildForeignKeys(row.name, rows.fkColumns, rules, database);
  const keys = buildIndexes(row.name, rows.indexes, fks, server, database);
  table.indexes = keys.indexes;
  const checks = buildChecks(row.name, rows.checks, Object.keys(table.columns), json, server, database);
  for (const constraint of [...Object.values(keys.constraints), ...fks, ...checks]) {
    // MariaDB names a column check after its column, which an unnamed unique index also is: keep both.
    const key =
      table.constraints[constraint.name] === undefined
        ? constraint.name
        : `${constraint.name} (${constraint.kind})`;
    table.constraints[key] = constraint;
  }
  return table;
}

export function buildSchema(rows: SnapshotRows, server: ServerInfo, database: string): Schema {
  const schema = emptySchema(server.engine);
  const columns = byTable(rows.columns);
  const indexes = byTable(rows.indexes);
  const fkColumns = byTable(rows.foreignKeyColumns);
  const checks = byTable(rows.checks);
  const triggers = byTable(rows.triggers);
  const rules = byTable(rows.foreignKeyRules);
  for (const row of rows.tables) {
    const kind = TABLE_KINDS[row.type];
    if (!kind) continue;
    const tableRules = new Map((rules.get(row.name) ?? []).map((r) => [r.name, r]));
    schema.tables[row.name] = buildTable(
      row,
      kind,
      {
        columns: columns.get(row.name) ?? [],
        indexes: indexes.get(row.name) ?? [],
        fkColumns: fkColumns.get(row.name) ?? [],
        checks: checks.get(row.name) ?? [],
        triggers: triggers.get(row.name) ?? [],
      },
      tableRules,
      server,
      database,
    );
  }
  for (const view of rows.views) {
    schema.views[view.name] = buildView(view, columns.get(view.name) ?? [], database);
  }
  schema.routines = buildRoutines(rows.routines, rows.parameters, database);
  for (const sequence of rows.sequences) schema.sequences[sequence.name] = buildSequence(sequence);
  return schema;
}
