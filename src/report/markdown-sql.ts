/**
 * SQL statements as one readable ```sql block, cut to a size when the comment must shrink.
 */
import { fence, normalizeNewlines, plural } from './markdown-escape.js';

/**
 * Ends each statement with `;` so a reviewer can paste the block into psql. A statement whose last
 * line is a `--` comment gets the `;` on a line of its own, or it would be commented out.
 */
export function terminate(statement: string): string {
  const sql = normalizeNewlines(statement).trim();
  if (sql === '' || sql.endsWith(';')) return sql;
  const lastLine = sql.slice(sql.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${sql}\n;` : `${sql};`;
}

/**
 * The statements, blank-line separated, at most `max` characters in all: whole statements while
 * they fit, then a comment saying how many were left out. A single statement longer than `max` is
 * cut. The fence is built after the cut, so cutting never breaks the block.
 */
export function sqlBlock(
  statements: string[],
  max = Number.POSITIVE_INFINITY,
  note = 'see the job summary',
): string {
  const parts: string[] = [];
  let used = 0;
  for (const [i, statement] of statements.entries()) {
    const text = terminate(statement);
    if (used + text.length + 2 > max) {
      if (parts.length === 0) {
        parts.push(`${text.slice(0, Math.max(0, max - 60))}\n-- … statement cut here: ${note}`);
        if (statements.length > 1)
          parts.push(`-- … ${plural(statements.length - 1, 'more statement')}: ${note}`);
      } else {
        parts.push(`-- … ${plural(statements.length - i, 'more statement')}: ${note}`);
      }
      break;
    }
    parts.push(text);
    used += text.length + 2;
  }
  return fence(parts.join('\n\n'), 'sql');
}
