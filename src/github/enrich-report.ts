/**
 * What the Action adds to the pipeline's report: the pull request, which migrations it changes, the
 * findings about it and the configuration key (the verdict under `fail-on` is report/verdict.ts). Pure functions: the
 * report in, a new report out.
 */
import type { Report } from '../report/model.js';
import type { PullRequestContext } from './context.js';
import { changedMigrationFiles, type FileChange, prFindings } from './pr-findings.js';

export interface PullRequestFacts {
  pr: PullRequestContext;
  runUrl: string | null;
  /** Files the pull request changes, relative to the project root; null when they could not be listed. */
  changes: FileChange[] | null;
}

export function withPullRequest(report: Report, facts: PullRequestFacts): Report {
  const { pr, runUrl, changes } = facts;
  const next: Report = {
    ...report,
    pullRequest: {
      number: pr.number,
      baseRef: pr.baseRef,
      headSha: pr.headSha,
      ...(runUrl ? { runUrl } : {}),
    },
  };
  if (!changes) return next;
  const migrations = report.engines.find((e) => e.migrations.length > 0)?.migrations ?? [];
  const changed = changedMigrationFiles(migrations, changes);
  next.engines = report.engines.map((e) => ({
    ...e,
    migrations: e.migrations.map((m) => ({ ...m, changed: changed.has(m.file) })),
  }));
  next.findings = [...report.findings, ...prFindings({ migrations, changes })];
  return next;
}

/** A stable key per configuration: `api:postgres:16,mariadb` for working directory `api`. */
export function configKeyFor(workingDirectory: string, engines: string[]): string {
  const dir = workingDirectory.replace(/^\.?\/*|\/+$/g, '') || '.';
  return `${dir}:${[...engines].sort().join(',')}`;
}
