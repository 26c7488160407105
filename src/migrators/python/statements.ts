/**
 * Turns what Alembic's offline mode or Django's collect_sql produced into the statements a reviewer
 * reads: split with the same splitter as SQL files, without comments, transaction control and the
 * tool's own bookkeeping (the version table, django_migrations).
 */
import type { EngineName } from '../../schema/model.js';
import { splitSqlText } from '../sql/split.js';

const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)$/i;

export function reviewStatements(
  sql: string | string[],
  engine: EngineName,
  bookkeepingTables: string[],
): string[] {
  const pieces = Array.isArray(sql) ? sql.flatMap((s) => splitSqlText(s, engine)) : splitSqlText(sql, engine);
  const bookkeeping = bookkeepingTables.map(
    (t) => new RegExp(`(^|[^\\w$])${escapeRegExp(t)}([^\\w$]|$)`, 'i'),
  );
  return pieces.filter((s) => !TRANSACTION_CONTROL.test(s.trim()) && !bookkeeping.some((re) => re.test(s)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
