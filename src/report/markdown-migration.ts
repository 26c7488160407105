/**
 * One migration in markdown, in the order a reviewer reads it: the checks, then the up and down SQL
 * (collapsed), then the differences. Three sizes, so the comment can shrink without losing a
 * failure: `full`, `compact` (no SQL, fewer differences) and `line` (one list item).
 */
import { dataLossLine } from '../rehearsal/content.js';
import { hazardLine } from '../rehearsal/hazards.js';
import { differencesTable } from './markdown-differences.js';
import { code, details, escapeText, fence, plural, table } from './markdown-escape.js';
import { fixBlocks } from './markdown-fix.js';
import { sqlBlock } from './markdown-sql.js';
import { icon } from './markdown-status.js';
import type { CheckName, CheckResult, MigrationReport } from './model.js';

const CHECK_TITLE: Record<CheckName, string> = {
  up: 'up',
  'round-trip': 'round trip (down)',
  're-apply': 're-apply',
  irreversible: 'down',
  data: 'data (with rows)',
  locks: 'locks (with rows)',
};

export function checkTitle(check: CheckName | string): string {
  return CHECK_TITLE[check as CheckName] ?? check;
}

/**
 * What the check found: the error, the message or the number of differences. One line, except that
 * with `breaks` the server's DETAIL and HINT lines of an error are kept as `<br>`-separated lines
 * (a table cell holds no newline).
 */
export function checkDetail(c: CheckResult, max = 300, breaks = false): string {
  if (c.error) {
    const codes = [
      c.error.code,
      c.error.errno != null ? `errno ${c.error.errno}` : null,
      c.error.sqlState ? `SQLSTATE ${c.error.sqlState}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const suffix = codes ? ` (${codes})` : '';
    const [first = '', ...more] = c.error.message.split('\n');
    const lines = [`${first}${suffix}`, ...more];
    return breaks ? lines.map((l) => escapeText(l, max)).join('<br>') : escapeText(lines.join(' '), max);
  }
  const parts: string[] = [];
  // The rehearsal's messages hold one line per hazard or loss, listed in full under the table.
  const lines = c.message?.split('\n') ?? [];
  if (lines.length > 1)
    parts.push(escapeText(`${lines[0]} (and ${lines.length - 1} more, listed below)`, max));
  else if (c.message) parts.push(escapeText(c.message, max));
  if (c.differences && c.differences.length > 0) parts.push(plural(c.differences.length, 'difference'));
  return parts.join(' · ');
}

function checksTable(m: MigrationReport): string {
  const rows = m.checks.map((c) => [
    escapeText(checkTitle(c.check)),
    `${icon(c.status)} ${escapeText(c.status, 20)}`,
    checkDetail(c, 300, true),
  ]);
  return table(['Check', 'Status', 'Result'], ['l', 'l', 'l'], rows);
}

/** The statement a failed step was running, as a block under the checks table. */
export function failedStatements(m: MigrationReport, statementMax: number): string[] {
  return m.checks
    .filter((c) => c.error?.statement)
    .map(
      (c) =>
        `**${escapeText(checkTitle(c.check))} failed on this statement:**\n\n${sqlBlock([c.error!.statement!], statementMax)}`,
    );
}

export function sqlDetails(m: MigrationReport, max: number): string[] {
  const blocks: string[] = [];
  for (const [direction, statements] of [
    ['Up', m.sql.up],
    ['Down', m.sql.down],
  ] as const) {
    if (statements.length === 0) continue;
    blocks.push(
      details(`${direction} SQL · ${plural(statements.length, 'statement')}`, sqlBlock(statements, max)),
    );
  }
  return blocks;
}

/** What a failed migration printed, per step, collapsed: it explains the failure, or is noise. */
export function outputDetails(m: MigrationReport, max: number): string[] {
  if (m.status !== 'fail') return [];
  return (m.output ?? []).map((o) => {
    const omitted = o.omitted ? `… ${plural(o.omitted, 'earlier line')} not kept\n` : '';
    const text = `${omitted}${o.lines.join('\n')}`;
    const body = fence(text.length > max ? `${text.slice(0, max)}\n…` : text);
    return details(`Output of ${escapeText(o.step)} · ${plural(o.lines.length, 'line')}`, body);
  });
}

/** The rehearsal's findings in full: each hazard (the up's first) and each loss, with the statement. */
export function rehearsalBlocks(m: MigrationReport): string[] {
  const blocks: string[] = [];
  for (const c of m.checks) {
    const notes = (c.message?.split('\n') ?? []).filter((l) => !l.startsWith('🔒'));
    if (c.check === 'locks' && notes.length > 1 && !(c.hazards && c.hazards.length > 0)) {
      blocks.push(
        `**${icon(c.status)} Locks, measured with rows**\n\n${notes.map((l) => `- ${escapeText(l, 600)}`).join('\n')}`,
      );
    }
    if (c.check === 'locks' && c.hazards && c.hazards.length > 0) {
      const ordered = [...c.hazards].sort((a, b) =>
        a.direction === b.direction ? 0 : a.direction === 'up' ? -1 : 1,
      );
      const items = ordered.map(
        (h) => `- ${escapeText(hazardLine(h), 600)}${h.direction === 'down' ? ' *(down)*' : ''}
  ${code(h.statement, 300)}`,
      );
      const extra = notes.map((l) => `- ${escapeText(l, 600)}`);
      blocks.push(
        `**${icon(c.status)} Lock hazards, measured with rows**\n\n${[...items, ...extra].join('\n')}`,
      );
    }
    if (c.check === 'data' && c.dataLoss && c.dataLoss.length > 0) {
      const items = c.dataLoss.map((l) => `- ${escapeText(dataLossLine(l), 600)}`);
      blocks.push(`**${icon(c.status)} Data lost by up → down**\n\n${items.join('\n')}`);
    }
  }
  return blocks;
}

export function differenceBlocks(m: MigrationReport, limit: number, valueMax: number): string[] {
  return m.checks
    .filter((c) => c.differences && c.differences.length > 0)
    .map((c) => {
      const title = `${checkTitle(c.check)}: ${plural(c.differences!.length, 'difference')}`;
      return `**${icon(c.status)} ${escapeText(title)}**\n\n${differencesTable(c.differences!, c.check, limit, valueMax)}`;
    });
}

function heading(m: MigrationReport): string {
  const file = m.file && m.file !== m.name ? `\n\n${code(m.file)}` : '';
  const changed = m.changed ? '' : ' *(unchanged)*';
  return `#### ${icon(m.status)} ${code(m.name)}${changed}${file}`;
}

export interface MigrationLimits {
  /** Characters of SQL per up/down block. */
  sql: number;
  /** Characters of a failing statement. */
  statement: number;
  /** Differences listed per check. */
  differences: number;
  /** Characters per value in a difference. */
  value: number;
}

export const FULL_LIMITS: MigrationLimits = { sql: 20_000, statement: 4_000, differences: 200, value: 500 };
export const COMPACT_LIMITS: MigrationLimits = { sql: 0, statement: 1_500, differences: 20, value: 160 };

/** The migration's section: checks, failing statements, SQL (unless `sql` is 0), differences. */
export function migrationSection(m: MigrationReport, limits: MigrationLimits): string {
  const parts = [heading(m), checksTable(m), ...rehearsalBlocks(m), ...failedStatements(m, limits.statement)];
  if (limits.sql > 0) parts.push(...outputDetails(m, limits.statement), ...sqlDetails(m, limits.sql));
  parts.push(...differenceBlocks(m, limits.differences, limits.value));
  // The fix follows what it fixes; in the compact size it keeps a failing statement's budget.
  parts.push(...fixBlocks(m, limits.sql > 0 ? limits.sql : limits.statement));
  return parts.join('\n\n');
}

/** The SQL alone, for a migration whose compact section was kept and whose SQL fits after all. */
export function migrationSql(m: MigrationReport, max: number): string {
  return sqlDetails(m, max).join('\n\n');
}

/**
 * One list item: which migration, which check, and (when `max` > 0) why, in at most `max`
 * characters per check. With `max` 0 the line is as short as it can be: hundreds of them must fit.
 */
export function migrationLine(m: MigrationReport, max = 240): string {
  const bad = m.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  const why = bad.map((c) => {
    const verdict = `${escapeText(checkTitle(c.check))} ${c.status === 'fail' ? 'failed' : 'warned'}`;
    return max > 0 ? `${verdict}: ${checkDetail(c, max) || 'see the job summary'}` : verdict;
  });
  const file = max > 0 && m.file !== m.name ? ` (${code(m.file, 200)})` : '';
  return `- ${icon(m.status)} ${code(m.name, max > 0 ? 200 : 120)}${file}${why.length > 0 ? ` · ${why.join(' · ')}` : ''}`;
}

/** `not-run` migrations are listed by name only: an earlier failure stopped them. */
export function notRunLine(migrations: MigrationReport[]): string {
  if (migrations.length === 0) return '';
  const names = migrations.slice(0, 10).map((m) => code(m.name, 120));
  const rest = migrations.length > 10 ? ` and ${migrations.length - 10} more` : '';
  return `➖ Not run after the failure: ${names.join(', ')}${rest}.`;
}
