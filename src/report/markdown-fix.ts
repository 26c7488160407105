/**
 * A down's fix in the comment: one collapsed "How to fix" block under the check it fixes, with the
 * SQL, whether it was proven on a throwaway database (and why not), what the server's error needs,
 * and the same statements as code for the migration tool's down (knex, Alembic).
 */
import { details, escapeText, fence, plural } from './markdown-escape.js';
import { sqlBlock } from './markdown-sql.js';
import type { CheckResult, DownFix, MigrationReport } from './model.js';

const PLACEMENT: Record<DownFix['placement'], string> = {
  append: 'Run these at the end of the down:',
  replace: 'A down that works, in an order that works (in place of the current one):',
};

function fixBody(fix: DownFix, max: number): string {
  const parts: string[] = [];
  if (fix.advice) parts.push(`The server's error says: ${escapeText(fix.advice, 1_000)}`);
  if (fix.sql.length > 0) parts.push(PLACEMENT[fix.placement], sqlBlock(fix.sql, max));
  const append = fix.placement === 'append';
  if (fix.code?.knex) {
    const where = append
      ? 'As knex code, for the end of `down` (an async function that awaits what it already does first):'
      : 'As knex code, the body of an async `down(knex)`:';
    parts.push(where, fence(fix.code.knex, 'js'));
  }
  if (fix.code?.alembic) {
    const where = append
      ? 'As Alembic code, for the end of `downgrade()`:'
      : 'As Alembic code, the body of `downgrade()`:';
    parts.push(where, fence(fix.code.alembic, 'python'));
  }
  parts.push(
    fix.proven
      ? '✅ Proven: applied on a throwaway database after the down, these statements restore the schema before up exactly.'
      : `⚠️ Not proven${fix.reason ? `: ${escapeText(fix.reason, 1_000)}` : '.'}`,
  );
  return parts.join('\n\n');
}

function fixSummary(fix: DownFix): string {
  const what = fix.sql.length > 0 ? plural(fix.sql.length, 'statement') : 'no statement';
  const title = fix.placement === 'replace' ? 'How to fix the failing down' : 'How to fix the down';
  return `${fix.proven ? '✅' : '⚠️'} ${title} · ${what} · ${fix.proven ? 'proven' : 'not proven'}`;
}

/** One collapsed block per check that carries a fix; `max` characters of SQL per block. */
export function fixBlocks(m: MigrationReport, max: number): string[] {
  return m.checks
    .filter((c): c is CheckResult & { fix: DownFix } => !!c.fix)
    .map((c) => details(fixSummary(c.fix), fixBody(c.fix, max)));
}
