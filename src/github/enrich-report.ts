/**
 * What the Action knows beside the checks: the pull request, the files it changes and the findings
 * about them, and the configuration key. Pure functions; report/assemble.ts builds the Report from
 * these facts (which migrations are `changed`, by the same matcher the run used).
 */
import { listedMigrations, type PrFacts } from '../report/assemble.js';
import type { RunResults } from '../report/results.js';
import type { PullRequestContext } from './context.js';
import { addedOrChanged, type FileChange, prFindings } from './pr-findings.js';

export interface PullRequestFacts {
  pr: PullRequestContext;
  runUrl: string | null;
  /** Files the pull request changes, relative to the project root; null when they could not be listed. */
  changes: FileChange[] | null;
}

export function pullRequestFacts(facts: PullRequestFacts, results: RunResults): PrFacts {
  const { pr, runUrl, changes } = facts;
  return {
    pullRequest: {
      number: pr.number,
      baseRef: pr.baseRef,
      headSha: pr.headSha,
      ...(runUrl ? { runUrl } : {}),
    },
    changedPaths: changes ? addedOrChanged(changes) : null,
    findings: changes ? prFindings({ migrations: listedMigrations(results), changes }) : [],
  };
}

/** A stable key per configuration: `api:postgres:16,mariadb` for working directory `api`. */
export function configKeyFor(workingDirectory: string, engines: string[]): string {
  const dir = workingDirectory.replace(/^\.?\/*|\/+$/g, '') || '.';
  return `${dir}:${[...engines].sort().join(',')}`;
}
