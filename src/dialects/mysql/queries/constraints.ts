/**
 * Foreign keys (KEY_COLUMN_USAGE + REFERENTIAL_CONSTRAINTS) and CHECK constraints.
 * Primary keys and unique constraints are read from STATISTICS with the indexes that implement them:
 * in MySQL and MariaDB a unique constraint is nothing but a unique index.
 */
import type { ServerFeatures } from '../server.js';
import { type QueryContext, select } from './select.js';

export interface ForeignKeyColumnRow {
  table: string;
  name: string;
  column: string;
  position: number;
  refSchema: string;
  refTable: string;
  refColumn: string;
}

export function queryForeignKeyColumns(ctx: QueryContext): Promise<ForeignKeyColumnRow[]> {
  return select<ForeignKeyColumnRow>(
    ctx,
    `SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS \`name\`, COLUMN_NAME AS \`column\`,
            ORDINAL_POSITION AS \`position\`, REFERENCED_TABLE_SCHEMA AS \`refSchema\`,
            REFERENCED_TABLE_NAME AS \`refTable\`, REFERENCED_COLUMN_NAME AS \`refColumn\`
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT IN (?) AND REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    [ctx.database, ctx.exclude],
  );
}

export interface ForeignKeyRuleRow {
  table: string;
  name: string;
  /** 'NONE' on both servers (InnoDB has no MATCH). */
  match: string | null;
  onUpdate: string;
  onDelete: string;
}

export function queryForeignKeyRules(ctx: QueryContext): Promise<ForeignKeyRuleRow[]> {
  return select<ForeignKeyRuleRow>(
    ctx,
    `SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS \`name\`, MATCH_OPTION AS \`match\`,
            UPDATE_RULE AS \`onUpdate\`, DELETE_RULE AS \`onDelete\`
       FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME NOT IN (?)`,
    [ctx.database, ctx.exclude],
  );
}

export interface CheckRow {
  table: string;
  name: string;
  clause: string;
  /** MariaDB 10.5.10+: 'Column' for a check written on a column, 'Table' otherwise. */
  level: string | null;
  /** MySQL 8.0.16+: 'NO' for CHECK ... NOT ENFORCED. */
  enforced: string | null;
}

export function queryChecks(ctx: QueryContext, features: ServerFeatures): Promise<CheckRow[]> {
  if (features.checks === 'mysql') {
    // MySQL 8.0.16+: CHECK_CONSTRAINTS has no table name; TABLE_CONSTRAINTS has it and ENFORCED.
    // Check names are unique per schema in MySQL, so (schema, name) joins them exactly.
    return select<CheckRow>(
      ctx,
      `SELECT tc.TABLE_NAME AS \`table\`, tc.CONSTRAINT_NAME AS \`name\`, cc.CHECK_CLAUSE AS \`clause\`,
              NULL AS \`level\`, ${features.checkEnforced ? 'tc.ENFORCED' : "'YES'"} AS \`enforced\`
         FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc
           ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
        WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME NOT IN (?) AND tc.CONSTRAINT_TYPE = 'CHECK'
        ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME`,
      [ctx.database, ctx.exclude],
    );
  }
  if (features.checks === 'mariadb') {
    // MariaDB: CHECK_CONSTRAINTS carries the table itself; names are unique per table only.
    return select<CheckRow>(
      ctx,
      `SELECT TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS \`name\`, CHECK_CLAUSE AS \`clause\`,
              ${features.checkLevel ? 'LEVEL' : 'NULL'} AS \`level\`, 'YES' AS \`enforced\`
         FROM information_schema.CHECK_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME NOT IN (?)
        ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
      [ctx.database, ctx.exclude],
    );
  }
  return Promise.resolve([]);
}
