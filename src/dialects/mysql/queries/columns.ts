/** COLUMNS for every table and view of the database, in one query. */
import { type QueryContext, select } from './select.js';

export interface ColumnRow {
  table: string;
  name: string;
  position: number;
  /** MariaDB: SQL text (`'abc'`, `NULL`, `current_timestamp()`); MySQL: the raw value or expression. */
  default: string | null;
  nullable: 'YES' | 'NO';
  dataType: string;
  columnType: string;
  charset: string | null;
  collation: string | null;
  /** `auto_increment`, `on update ...`, `DEFAULT_GENERATED`, `VIRTUAL GENERATED`, `INVISIBLE`, ... */
  extra: string | null;
  comment: string | null;
  generation: string | null;
}

export function queryColumns(ctx: QueryContext): Promise<ColumnRow[]> {
  return select<ColumnRow>(
    ctx,
    `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`name\`, ORDINAL_POSITION AS \`position\`,
            COLUMN_DEFAULT AS \`default\`, IS_NULLABLE AS \`nullable\`, DATA_TYPE AS \`dataType\`,
            COLUMN_TYPE AS \`columnType\`, CHARACTER_SET_NAME AS \`charset\`, COLLATION_NAME AS \`collation\`,
            EXTRA AS \`extra\`, COLUMN_COMMENT AS \`comment\`, GENERATION_EXPRESSION AS \`generation\`
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT IN (?)
      ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [ctx.database, ctx.exclude],
  );
}
