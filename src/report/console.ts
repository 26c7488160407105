import { terminalSafe } from '../log.js';
import { describeDifference, warningNote } from '../schema/diff.js';
import type { Difference } from '../schema/difference.js';
import { groupDrift } from '../schema/drift-text.js';
import type { CheckResult, DownFix, DriftReport, EngineReport, MigrationReport, Report } from './model.js';

const MARK: Record<string, string> = { pass: '✓', fail: '✗', warn: '!', skip: '-', 'not-run': '·' };
const CHECK_ORDER: CheckResult['check'][] = ['up', 'round-trip', 're-apply', 'irreversible', 'data', 'locks'];

/**
 * The terminal report: a line per migration with each check's result, then the differences and
 * errors, then a summary line. Rendered from the Report alone.
 */
export function renderConsole(report: Report, verbosity: 'quiet' | 'normal' | 'verbose'): string {
  const lines: string[] = [];
  for (const engine of report.engines) {
    if (verbosity !== 'quiet') lines.push(...engineSection(engine, verbosity));
    else lines.push(...engineProblems(engine));
  }
  const findings = [...report.findings, ...report.engines.flatMap((e) => e.findings)];
  if (findings.length > 0) {
    lines.push('', 'Findings:');
    for (const f of findings)
      lines.push(`  ${f.severity === 'error' ? '✗' : '!'} ${f.file ? `${f.file}: ` : ''}${f.message}`);
  }
  // Said once, not per migration: what the tool's nature leaves out (a tool without downs).
  for (const note of report.notes ?? []) lines.push('', `Note: ${note}`);
  lines.push('', summaryLine(report));
  // Messages in the report come from migrations and servers: no raw control character reaches a terminal.
  return terminalSafe(lines.join('\n'));
}

function engineSection(engine: EngineReport, verbosity: 'normal' | 'verbose'): string[] {
  const lines = [
    '',
    `${engine.engine} ${engine.version} (${engine.provider}): ${engine.status.toUpperCase()}`,
  ];
  const width = Math.max(...engine.migrations.map((m) => m.name.length), 10);
  for (const m of engine.migrations) {
    const checks = CHECK_ORDER.map((name) => m.checks.find((c) => c.check === name))
      .filter((c): c is CheckResult => c !== undefined)
      .map((c) => `${c.check} ${MARK[c.status]}`)
      .join('  ');
    lines.push(`  ${MARK[m.status]} ${m.name.padEnd(width)}  ${m.status === 'not-run' ? 'not run' : checks}`);
    // A check that passed for a reason worth knowing (an empty down after a data-only up) says why.
    for (const c of m.checks) {
      if (c.status !== 'pass' || !c.message) continue;
      // The rehearsal's notes are one line each (a hazard accepted, a statement that stayed quiet).
      const [first, ...more] = c.message.split('\n');
      lines.push(`      note: ${c.check}: ${first}`, ...more.map((l) => `            ${l}`));
    }
  }
  lines.push(...engineProblems(engine));
  if (verbosity === 'verbose') {
    for (const m of engine.migrations) {
      if (m.sql.up.length === 0 && m.sql.down.length === 0) continue;
      lines.push('', `  SQL of ${m.name}:`);
      for (const s of m.sql.up) lines.push(`    up:   ${s}`);
      for (const s of m.sql.down) lines.push(`    down: ${s}`);
    }
  }
  return lines;
}

/** What went wrong, per migration: the failing checks' messages, statements and differences. */
function engineProblems(engine: EngineReport): string[] {
  const lines: string[] = [];
  if (engine.error) lines.push(`  ${engine.engine}: ${engine.error}`);
  for (const m of engine.migrations) lines.push(...migrationProblems(m));
  if (engine.drift && engine.drift.differences.length > 0) lines.push(...driftSection(engine.drift));
  return lines;
}

/**
 * Drift, grouped by the table (or other object) it belongs to, each line in the reviewer's words
 * ("migrations give X, models say Y"), then the SQL that closes it with what loses data marked, and
 * the migration file `--write-migration` wrote. Only rendered when there is drift: agreement is quiet.
 */
function driftSection(drift: DriftReport): string[] {
  const verdict = drift.status === 'fail' ? 'fails the check' : 'warning only (--drift warn)';
  const lines = [
    '',
    `  Drift between the migrations and the models (${drift.source}): ${plural(drift.differences.length, 'difference')}, ${verdict}`,
  ];
  for (const group of groupDrift(drift.differences)) {
    lines.push(`    ${group.object}:`);
    for (const line of group.lines) lines.push(`      - ${line}`);
  }
  if (drift.sql.length > 0) {
    const lossy = drift.sql.some((s) => s.destructive);
    lines.push(
      '',
      `    SQL that brings the migrations to the models${lossy ? ' (statements marked DESTRUCTIVE lose data: review them)' : ''}:`,
    );
    for (const s of drift.sql) {
      const sql = s.sql.trimEnd();
      const statement = `${sql}${sql.endsWith(';') ? '' : ';'}${s.destructive ? '   -- DESTRUCTIVE: loses data' : ''}`;
      // A CREATE TABLE spans lines: indent every one of them, so the block reads as one piece of SQL.
      lines.push(...statement.split('\n').map((line) => `      ${line}`));
    }
  }
  if (drift.migrationFile)
    lines.push('', `    Wrote the knex migration that closes it: ${drift.migrationFile}`);
  return lines;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function migrationProblems(m: MigrationReport): string[] {
  const failing = m.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  if (failing.length === 0) return [];
  const lines = ['', `  ${m.name} (${m.file}):`];
  for (const c of failing) {
    // The server's DETAIL and HINT follow the message on lines of their own (CheckError).
    const [first, ...more] = (c.message ?? c.status).split('\n');
    lines.push(`    ${MARK[c.status]} ${c.check}: ${first}${serverCodes(c)}`);
    for (const line of more) lines.push(`      ${line}`);
    if (c.error?.statement) lines.push(`      statement: ${oneLine(c.error.statement)}`);
    for (const d of c.differences ?? []) lines.push(`      ${differenceLine(d)}`);
    if (c.fix) lines.push(...fixLines(c.fix));
  }
  if (m.status === 'fail') lines.push(...printed(m));
  return lines;
}

/**
 * A warning-level difference (a column that only changed place) is marked `!` and says why it
 * matters, so it reads apart from the differences that fail the check.
 */
function differenceLine(d: Difference): string {
  const note = warningNote(d);
  return note === null ? `- ${describeDifference(d)}` : `! ${describeDifference(d)} (warning: ${note})`;
}

/** The down's fix (checks/down-fix.ts): its statements, and whether a throwaway database proved it. */
function fixLines(fix: DownFix): string[] {
  const where =
    fix.placement === 'append' ? 'run at the end of the down' : 'a down that works, in place of this one';
  const verdict = fix.proven
    ? 'proven on a throwaway database'
    : `not proven${fix.reason ? `: ${fix.reason}` : ''}`;
  const lines = [`      fix (${verdict}):`];
  if (fix.advice) lines.push(`        ${fix.advice}`);
  if (fix.sql.length > 0) lines.push(`        ${where}:`, ...fix.sql.map((s) => `          ${oneLine(s)};`));
  return lines;
}

/** MySQL's errno and SQLSTATE, which it gives instead of a DETAIL. */
function serverCodes(c: CheckResult): string {
  return c.error?.sqlState ? ` (errno ${c.error.errno ?? '?'}, SQLSTATE ${c.error.sqlState})` : '';
}

/** What a failed migration printed, each line attributed to the migration and the step. */
function printed(m: MigrationReport): string[] {
  const lines: string[] = [];
  for (const o of m.output ?? []) {
    const from = `[${m.name} ${o.step}]`;
    if (o.omitted) lines.push(`      ${from} … ${plural(o.omitted, 'earlier line')} not kept`);
    for (const line of o.lines) lines.push(`      ${from} ${line}`);
  }
  return lines.length > 0 ? ['    printed:', ...lines] : [];
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

export function summaryLine(report: Report): string {
  const all = report.engines.flatMap((e) => e.migrations);
  const count = (s: MigrationReport['status']) => all.filter((m) => m.status === s).length;
  const engines = report.engines.map((e) => `${e.engine} ${e.version}`).join(', ');
  const drift = report.engines.filter((e) => e.drift && e.drift.differences.length > 0).length;
  const parts = [`${count('pass')} passed`, `${count('fail')} failed`];
  if (count('warn') > 0) parts.push(`${count('warn')} with warnings`);
  if (count('not-run') > 0) parts.push(`${count('not-run')} not run`);
  if (drift > 0) parts.push(`drift on ${drift} engine(s)`);
  const seconds = (report.durationMs / 1000).toFixed(1);
  return `${report.status === 'pass' ? 'PASS' : 'FAIL'}: ${parts.join(', ')} (${engines}; ${seconds} s)`;
}
