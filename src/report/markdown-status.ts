/**
 * The top of every rendering: status icons, the headline and the status table (one row per engine).
 * Kept apart from the per-migration sections so the truncation can always afford them.
 */
import { code, escapeText, plural, table } from './markdown-escape.js';
import type { CheckName, EngineReport, MigrationReport, Report } from './model.js';

export function icon(status: string): string {
  switch (status) {
    case 'pass':
      return '✅';
    case 'fail':
      return '❌';
    case 'warn':
      return '⚠️';
    default:
      return '➖';
  }
}

/** `postgres 17.6`, escaped. */
export function engineLabel(engine: EngineReport): string {
  return escapeText(`${engine.engine} ${engine.version}`.trim());
}

/** `1.4 s`, `2 min 5 s`: rounded so a golden file does not churn on milliseconds it does not show. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function checksOf(m: MigrationReport, name: CheckName) {
  return m.checks.filter((c) => c.check === name);
}

/** Migrations that failed on any engine, by id, in the order of the first engine that has them. */
export function failedMigrationIds(report: Report): string[] {
  const ids = new Set<string>();
  for (const e of report.engines) for (const m of e.migrations) if (m.status === 'fail') ids.add(m.id);
  return [...ids];
}

export function allFindings(report: Report) {
  return [...report.findings, ...report.engines.flatMap((e) => e.findings)];
}

export function hasDrift(report: Report): boolean {
  return report.engines.some((e) => (e.drift?.differences.length ?? 0) > 0);
}

/** Whether nothing at all needs a reviewer's attention: the comment can then be brief. */
export function isClean(report: Report): boolean {
  if (report.status !== 'pass') return false;
  return (
    report.engines.every(
      (e) =>
        !e.error &&
        e.migrations.every((m) => m.status === 'pass' || m.status === 'not-run') &&
        (!e.drift || e.drift.status === 'pass') &&
        e.findings.length === 0,
    ) && report.findings.length === 0
  );
}

function passHeadline(report: Report): string {
  const names = joinWords(report.engines.map(engineLabel));
  const total = Math.max(0, ...report.engines.map((e) => e.migrations.length));
  const migrations = total === 1 ? 'the migration' : `all ${total} migrations`;
  const roundTripped = (m: MigrationReport) =>
    checksOf(m, 'round-trip').length + checksOf(m, 'irreversible').length > 0;
  if (report.engines.every((e) => e.migrations.every(roundTripped))) {
    return `${migrations} round-trip on ${names}`;
  }
  const changedOnes = report.engines[0]?.migrations.filter((m) => m.changed) ?? [];
  // A tool without downs (report.notes says so): nothing round-trips, changed or not.
  if (changedOnes.length > 0 && !changedOnes.some(roundTripped)) return `${migrations} apply on ${names}`;
  const changed = changedOnes.length;
  const rest =
    changed === 0
      ? 'this pull request changes none of them'
      : changed === 1
        ? 'the one this pull request adds or changes round-trips'
        : `the ${changed} this pull request adds or changes round-trip`;
  return `${migrations} apply on ${names}; ${rest}`;
}

/** `❌ schemagate: 2 of 14 migrations failed on postgres 17.6 · 1 finding` */
export function headline(report: Report): string {
  if (report.engines.length === 0) return `${icon(report.status)} schemagate: no engine was checked`;
  if (report.status === 'pass' && isClean(report)) return `✅ schemagate: ${passHeadline(report)}`;
  const on = (engines: EngineReport[]) =>
    engines.length > 0 ? ` on ${joinWords(engines.map(engineLabel))}` : '';
  const parts: string[] = [];
  const broken = report.engines.filter((e) => e.error);
  if (broken.length > 0) parts.push(`${joinWords(broken.map(engineLabel))} could not be checked`);
  const failed = failedMigrationIds(report).length;
  const total = Math.max(0, ...report.engines.map((e) => e.migrations.length));
  const failing = report.engines.filter((e) => e.migrations.some((m) => m.status === 'fail'));
  if (failed > 0) parts.push(`${failed} of ${plural(total, 'migration')} failed${on(failing)}`);
  const warnedIn = report.engines.filter((e) => e.migrations.some((m) => m.status === 'warn'));
  const warned = new Set(
    warnedIn.flatMap((e) => e.migrations.filter((m) => m.status === 'warn').map((m) => m.id)),
  );
  if (warned.size > 0) parts.push(`${plural(warned.size, 'migration')} with warnings${on(warnedIn)}`);
  const drifting = report.engines.filter((e) => (e.drift?.differences.length ?? 0) > 0);
  if (drifting.length > 0) parts.push(`drift between migrations and models${on(drifting)}`);
  const findings = allFindings(report);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) parts.push(plural(errors, 'finding'));
  if (findings.length > errors) parts.push(plural(findings.length - errors, 'warning'));
  if (report.status === 'pass') return `✅ schemagate passed with warnings: ${parts.join(' · ')}`;
  return `❌ schemagate: ${parts.join(' · ') || 'failed'}`;
}

function checkCell(engine: EngineReport, name: CheckName): string {
  const results = engine.migrations.flatMap((m) => checksOf(m, name));
  if (results.length === 0) return '➖';
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const parts: string[] = [];
  if (count('fail') > 0) parts.push(`❌ ${count('fail')} failed`);
  if (count('warn') > 0) parts.push(`⚠️ ${count('warn')}`);
  if (count('pass') > 0) parts.push(`✅ ${count('pass')}`);
  if (count('skip') > 0) parts.push(`➖ ${count('skip')} skipped`);
  return parts.join(' · ');
}

function driftCell(engine: EngineReport): string {
  const drift = engine.drift;
  if (!drift) return '➖ no models';
  if (drift.status === 'skip') return '➖ skipped';
  if (drift.differences.length === 0) return `${icon(drift.status)} none`;
  return `${icon(drift.status)} ${plural(drift.differences.length, 'difference')}`;
}

function findingsCell(engine: EngineReport): string {
  const errors = engine.findings.filter((f) => f.severity === 'error').length;
  const warnings = engine.findings.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(`❌ ${errors}`);
  if (warnings > 0) parts.push(`⚠️ ${warnings}`);
  return parts.join(' · ') || '0';
}

/** One row per engine: the overview a reviewer reads first. */
export function statusTable(report: Report): string {
  const rows = report.engines.map((e) => {
    const name = `${engineLabel(e)}<br><sub>${escapeText(e.provider, 200)}</sub>`;
    if (e.error) return [name, '❌ not checked', '➖', '➖', '➖', '➖', '➖'];
    return [
      name,
      `${icon(e.status)} ${escapeText(e.status, 20)}`,
      checkCell(e, 'up'),
      [
        checkCell(e, 'round-trip'),
        e.migrations.some((m) => checksOf(m, 'irreversible').length > 0)
          ? `irreversible: ${checkCell(e, 'irreversible')}`
          : '',
      ]
        .filter((c) => c !== '➖' && c !== '')
        .join('<br>') || '➖',
      checkCell(e, 're-apply'),
      driftCell(e),
      findingsCell(e),
    ];
  });
  return table(
    ['Engine', 'Status', 'Up', 'Round trip', 'Re-apply', 'Drift', 'Findings'],
    ['l', 'l', 'l', 'l', 'l', 'l', 'l'],
    rows,
  );
}

/** The line under the table: what was checked and how long it took. */
export function scopeLine(report: Report): string {
  const engine = report.engines.find((e) => !e.error) ?? report.engines[0];
  const total = engine?.migrations.length ?? 0;
  const changed = engine?.migrations.filter((m) => m.changed).length ?? 0;
  const bits = [`${plural(total, 'migration')} (${report.tool ? code(report.tool) : 'unknown tool'})`];
  if (report.pullRequest) bits.push(`${changed} added or changed by this pull request`);
  bits.push(`checked in ${formatDuration(report.durationMs)}`);
  return bits.join(' · ');
}
