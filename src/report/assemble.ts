/**
 * The one place the Report is built: from what the checks found (RunResults), what the pull request
 * adds (its changed files and findings), and the policy (`fail-on`). Every status is derived here
 * and nowhere else: a migration's from its checks, an engine's from its migrations and drift, the
 * run's from the verdict. The CLI (check-command.ts) and the Action (github/run-action.ts) both call
 * it once, then hand the Report to the renderers.
 */

import type { FailOnKind } from '../vocabulary/fail-on.js';
import { changedMigrations } from './changed.js';
import type { CheckResult, EngineReport, Finding, MigrationReport, Report } from './model.js';
import type { EngineResult, MigrationRef, MigrationResult, RunResults } from './results.js';
import { type FailureReason, failureReasons } from './verdict.js';

/** What the Action knows about the pull request it runs for. */
export interface PrFacts {
  pullRequest: NonNullable<Report['pullRequest']>;
  /**
   * Files the pull request adds or changes (not the ones it removes), relative to the project root;
   * null when they could not be listed (then `changed` stays what the run was given).
   */
  changedPaths: string[] | null;
  /** Findings about the pull request itself (github/pr-findings.ts). */
  findings: Finding[];
}

export interface ReportPolicy {
  /** Which problems fail the run (verdict.ts). */
  failOn: ReadonlySet<FailOnKind>;
}

export interface Assembled {
  report: Report;
  /** Why the run fails under the policy; empty when it passes. */
  reasons: FailureReason[];
}

export function assembleReport(
  results: RunResults,
  prFacts: PrFacts | null,
  policy: ReportPolicy,
  extra: { configKey?: string | null } = {},
): Assembled {
  const changed =
    prFacts?.changedPaths != null ? changedMigrations(listedMigrations(results), prFacts.changedPaths) : null;
  const report: Report = {
    version: 1,
    status: 'pass',
    tool: results.tool,
    cwd: results.cwd,
    startedAt: results.startedAt,
    durationMs: results.durationMs,
    engines: results.engines.map((e) => engineReport(e, changed)),
    findings: [...results.findings, ...(prFacts?.changedPaths != null ? prFacts.findings : [])],
  };
  if (results.notes && results.notes.length > 0) report.notes = [...results.notes];
  if (prFacts) report.pullRequest = prFacts.pullRequest;
  if (extra.configKey !== undefined) report.configKey = extra.configKey;
  const reasons = failureReasons(report, policy.failOn);
  report.status = reasons.length > 0 ? 'fail' : 'pass';
  return { report, reasons };
}

/** The migrations as the tool lists them (every engine lists them all; an engine that ran none has none). */
export function listedMigrations(results: RunResults): MigrationRef[] {
  const migrations = results.engines.find((e) => e.migrations.length > 0)?.migrations ?? [];
  return migrations.map(({ id, name, file }) => ({ id, name, file }));
}

function engineReport(e: EngineResult, changed: Set<string> | null): EngineReport {
  const migrations = e.migrations.map((m) => migrationReport(m, changed));
  const failed = migrations.some((m) => m.status === 'fail') || e.drift?.status === 'fail' || !!e.error;
  return {
    engine: e.engine,
    version: e.version,
    provider: e.provider,
    status: failed ? 'fail' : 'pass',
    durationMs: e.durationMs,
    migrations,
    drift: e.drift,
    findings: e.findings,
    ...(e.error ? { error: e.error } : {}),
    ...(e.shard ? { shard: e.shard } : {}),
  };
}

function migrationReport(m: MigrationResult, changed: Set<string> | null): MigrationReport {
  return {
    id: m.id,
    name: m.name,
    file: m.file,
    status: statusOf(m.checks),
    changed: changed ? changed.has(m.id) : m.changed,
    checks: m.checks,
    sql: m.sql,
    ...(m.output ? { output: m.output } : {}),
  };
}

/** A migration's status: its worst check; `not-run` when it has none. */
export function statusOf(checks: CheckResult[]): MigrationReport['status'] {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return checks.length === 0 ? 'not-run' : 'pass';
}
