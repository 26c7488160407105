/** TRIGGERS for the whole database. */
import { type QueryContext, select } from './select.js';

export interface TriggerRow {
  name: string;
  table: string;
  /** INSERT | UPDATE | DELETE */
  event: string;
  /** BEFORE | AFTER */
  timing: string;
  /** Position among the triggers of the same table, event and timing (FOLLOWS/PRECEDES). */
  order: number;
  statement: string;
}

export function queryTriggers(ctx: QueryContext): Promise<TriggerRow[]> {
  return select<TriggerRow>(
    ctx,
    `SELECT TRIGGER_NAME AS \`name\`, EVENT_OBJECT_TABLE AS \`table\`, EVENT_MANIPULATION AS \`event\`,
            ACTION_TIMING AS \`timing\`, ACTION_ORDER AS \`order\`, ACTION_STATEMENT AS \`statement\`
       FROM information_schema.TRIGGERS
      WHERE TRIGGER_SCHEMA = ? AND EVENT_OBJECT_TABLE NOT IN (?)
      ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME`,
    [ctx.database, ctx.exclude],
  );
}
