import type { Report } from '../../src/report/model.js';
import type { RunResults } from '../../src/report/results.js';

/** What the pipeline found behind a report: the checks' results, with no status decided. */
export function resultsOf(report: Report): RunResults {
  return {
    tool: report.tool,
    cwd: report.cwd,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    findings: report.findings,
    engines: report.engines.map((e) => ({
      engine: e.engine,
      version: e.version,
      provider: e.provider,
      durationMs: e.durationMs,
      migrations: e.migrations.map(({ status: _, ...m }) => m),
      drift: e.drift ?? null,
      findings: e.findings,
    })),
  };
}
