/** STATISTICS: one row per key part of every index of the database. */
import type { ServerFeatures } from '../server.js';
import { type QueryContext, select } from './select.js';

export interface IndexPartRow {
  table: string;
  name: string;
  nonUnique: number;
  seq: number;
  /** NULL for a functional key part (MySQL 8.0.13+), whose text is in `expression`. */
  column: string | null;
  /** 'A' ascending, 'D' descending (MySQL 8, MariaDB 10.8+), NULL when not sorted (FULLTEXT, HASH). */
  order: string | null;
  /** Prefix length of a partially indexed string column. */
  subPart: number | null;
  /** BTREE | HASH | FULLTEXT | SPATIAL | RTREE */
  method: string;
  comment: string | null;
  expression: string | null;
  /** 'NO' for an invisible (MySQL) or ignored (MariaDB) index. */
  visible: string | null;
}

export function queryIndexes(ctx: QueryContext, features: ServerFeatures): Promise<IndexPartRow[]> {
  // Server-specific columns, selected only where the server has them.
  const expression = features.indexExpressions ? 'EXPRESSION' : 'NULL';
  const visible = features.indexVisibility
    ? 'IS_VISIBLE' // MySQL 8.0+: 'YES' | 'NO'
    : features.indexIgnored
      ? "IF(IGNORED = 'YES', 'NO', 'YES')" // MariaDB 10.6+: IGNORED is the opposite flag
      : "'YES'";
  return select<IndexPartRow>(
    ctx,
    `SELECT TABLE_NAME AS \`table\`, INDEX_NAME AS \`name\`, NON_UNIQUE AS \`nonUnique\`, SEQ_IN_INDEX AS \`seq\`,
            COLUMN_NAME AS \`column\`, COLLATION AS \`order\`, SUB_PART AS \`subPart\`, INDEX_TYPE AS \`method\`,
            INDEX_COMMENT AS \`comment\`, ${expression} AS \`expression\`, ${visible} AS \`visible\`
       FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT IN (?)
      ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [ctx.database, ctx.exclude],
  );
}
