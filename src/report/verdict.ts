/**
 * Which problems fail the run (`fail-on`). The report records every problem with its own status;
 * the verdict decides which of them turn the check red, so the same report can be re-rendered with
 * the same verdict later (the fork-safe comment workflow does that).
 *
 * Vocabulary (comma or newline separated):
 *   migration     a migration's up, round trip (down) or re-apply failed
 *   irreversible  a migration has no down and does not declare itself irreversible
 *   drift         the migrated schema differs from the models
 *   finding       an error finding: a base-branch migration edited, renamed or deleted in the pull
 *                 request, a new migration that sorts before one already on the base branch, a
 *                 tool problem (several heads, ...)
 *   hazard        a lock hazard measured in a migration's up, with rows (--rows; docs/rehearsal.md)
 *   warning       also fail on warnings (warning findings, drift or irreversible reported as warn)
 *   all           every kind above;  none  report only, never fail on a check
 * An engine that could not be checked at all always fails the run, whatever `fail-on` says.
 * report/assemble.ts applies the verdict when it builds the Report.
 */
import type { FailOnKind } from '../vocabulary/fail-on.js';
import type { Report } from './model.js';

/** One reason the run fails, in words a reviewer reads in the log. */
export interface FailureReason {
  kind: FailOnKind | 'engine';
  message: string;
}

const isProblem = (status: string, warnings: boolean) => status === 'fail' || (warnings && status === 'warn');

/** Every reason the report fails under `failOn`; empty means the check passes. */
export function failureReasons(report: Report, failOn: ReadonlySet<FailOnKind>): FailureReason[] {
  const warnings = failOn.has('warning');
  const reasons: FailureReason[] = [];
  for (const engine of report.engines) {
    const where = `${engine.engine} ${engine.version}`.trim();
    if (engine.error)
      reasons.push({ kind: 'engine', message: `${where} could not be checked: ${engine.error}` });
    for (const m of engine.migrations) {
      for (const check of m.checks) {
        const kind: FailOnKind =
          check.check === 'irreversible' ? 'irreversible' : check.check === 'locks' ? 'hazard' : 'migration';
        // A hazard is a warning by nature: `hazard` in fail-on is what makes it fail.
        if (failOn.has(kind) && isProblem(check.status, warnings || kind === 'hazard')) {
          reasons.push({
            kind,
            message: `${m.file}: ${check.check} ${check.status === 'fail' ? 'failed' : 'warned'} on ${where}`,
          });
        }
      }
    }
    if (engine.drift && failOn.has('drift') && isProblem(engine.drift.status, warnings)) {
      reasons.push({
        kind: 'drift',
        message: `drift on ${where}: ${engine.drift.differences.length} differences`,
      });
    }
  }
  const findings = [...report.findings, ...report.engines.flatMap((e) => e.findings)];
  if (failOn.has('finding')) {
    for (const f of findings) {
      if (f.severity === 'error' || warnings)
        reasons.push({ kind: 'finding', message: `${f.kind}: ${f.message}` });
    }
  }
  return reasons;
}
