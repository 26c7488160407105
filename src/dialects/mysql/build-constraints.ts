/** Foreign key and CHECK rows of one table -> model Constraints. */
import type { Constraint } from '../../schema/model.js';
import { jsonCheckColumn } from './build-columns.js';
import { isGeneratedName } from './names.js';
import { ident, normaliseExpression, normaliseRule, referencedColumns, stripDatabase } from './normalise.js';
import type { CheckRow, ForeignKeyColumnRow, ForeignKeyRuleRow } from './queries/constraints.js';
import type { ServerInfo } from './server.js';

const list = (names: string[]) => names.map(ident).join(', ');

/** `columns` are the KEY_COLUMN_USAGE rows of one table, ordered by constraint and position. */
export function buildForeignKeys(
  table: string,
  columns: ForeignKeyColumnRow[],
  rules: Map<string, ForeignKeyRuleRow>,
  database: string,
): Constraint[] {
  const groups = new Map<string, ForeignKeyColumnRow[]>();
  for (const row of columns) groups.set(row.name, [...(groups.get(row.name) ?? []), row]);
  const out: Constraint[] = [];
  for (const [name, group] of groups) {
    const first = group[0]!;
    const rule = rules.get(name);
    // A reference to another database keeps its qualifier; one to this database is a bare table key.
    const target = first.refSchema === database ? first.refTable : `${first.refSchema}.${first.refTable}`;
    const own = group.map((row) => row.column);
    const referenced = group.map((row) => row.refColumn);
    const onDelete = normaliseRule(rule?.onDelete);
    const onUpdate = normaliseRule(rule?.onUpdate);
    // InnoDB supports no MATCH clause; both servers report NONE. Anything else is kept.
    const match = rule?.match && rule.match.toUpperCase() !== 'NONE' ? rule.match.toLowerCase() : undefined;
    let definition = `FOREIGN KEY (${list(own)}) REFERENCES ${ident(target)} (${list(referenced)})`;
    if (match) definition += ` MATCH ${match.toUpperCase()}`;
    if (onDelete !== 'no action') definition += ` ON DELETE ${onDelete.toUpperCase()}`;
    if (onUpdate !== 'no action') definition += ` ON UPDATE ${onUpdate.toUpperCase()}`;
    out.push({
      name,
      kind: 'foreign key',
      definition,
      columns: own,
      foreignKey: { table: target, columns: referenced, onDelete, onUpdate, ...(match ? { match } : {}) },
      ...(isGeneratedName('foreign key', name, table, own) ? { generatedName: true } : {}),
    });
  }
  return out;
}

/**
 * CHECK rows of one table. `jsonColumns` are MariaDB JSON columns, whose automatic json_valid check
 * is part of the type, not a constraint of the schema.
 */
export function buildChecks(
  table: string,
  rows: CheckRow[],
  columnNames: string[],
  jsonColumns: Set<string>,
  server: ServerInfo,
  database: string,
): Constraint[] {
  const out: Constraint[] = [];
  for (const row of rows) {
    const jsonColumn = jsonCheckColumn(row.clause);
    if (jsonColumn !== null && jsonColumns.has(jsonColumn)) continue;
    const clause = stripDatabase(normaliseExpression(row.clause, server.features), database);
    const columns = referencedColumns(clause, columnNames);
    // MySQL 8.0.16+: CHECK (...) NOT ENFORCED is kept but not checked; it is a different constraint.
    const enforced = row.enforced === 'NO' ? ' NOT ENFORCED' : '';
    out.push({
      name: row.name,
      kind: 'check',
      definition: `CHECK (${clause})${enforced}`,
      columns,
      ...(isGeneratedName('check', row.name, table, columns, row.level) ? { generatedName: true } : {}),
    });
  }
  return out;
}
