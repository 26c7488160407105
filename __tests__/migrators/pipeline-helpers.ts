/**
 * Runs the real check pipeline (src/run-check.ts: url provider, dialects, step checks, drift) with one
 * of this issue's migrators and model sources, on the local Postgres or MariaDB.
 */
import { checkDrift } from '../../src/checks/drift.js';
import type { Options } from '../../src/config/options.js';
import { Cleanup } from '../../src/databases/cleanup.js';
import { createUrlProvider } from '../../src/databases/url-provider.js';
import type { Migrator } from '../../src/migrators/migrator.js';
import type { ModelSource } from '../../src/models/model-source.js';
import { assembleReport } from '../../src/report/assemble.js';
import type { DriftReport, Report } from '../../src/report/model.js';
import { type RunDeps, runCheck } from '../../src/run-check.js';
import type { Schema } from '../../src/schema/model.js';
import { DEFAULT_FAIL_ON } from '../../src/vocabulary/fail-on.js';
import { type LocalEngine, SERVER_URL } from '../helpers/targets.js';
import { recordingLogger } from './helpers.js';

export async function runPipeline(args: {
  engine: LocalEngine;
  options: Options;
  migrator: Migrator;
  models?: ModelSource | null;
  bookkeepingTables?: string[];
}): Promise<Report> {
  const cleanup = new Cleanup();
  const options: Options = { ...args.options, engines: [{ engine: args.engine, version: null }] };
  const dialects = {
    postgres: async () => (await import('../../src/dialects/postgres/index.js')).postgresDialect,
    mysql: async () => (await import('../../src/dialects/mysql/index.js')).mysqlDialect,
    mariadb: async () => (await import('../../src/dialects/mysql/index.js')).mariadbDialect,
  };
  // run-check takes a synchronous drift function while checks/drift.ts is async: capture the two
  // schemas here and run the real drift check after the pipeline.
  const captured: { migrated: Schema; models: Schema; source: string }[] = [];
  const log = recordingLogger();
  const deps: RunDeps = {
    provider: createUrlProvider([SERVER_URL[args.engine]], cleanup, log),
    dialectFor: (engine) => dialects[engine](),
    migrator: args.migrator,
    models: args.models ?? null,
    checkDrift: (input) => {
      captured.push(input);
      return { status: 'pass', source: input.source, differences: [], sql: [] };
    },
    bookkeepingTables: args.bookkeepingTables ?? [],
    cleanup,
    log,
    signal: new AbortController().signal,
  };
  try {
    const results = await runCheck(options, deps);
    for (const [k, engine] of results.engines.entries()) {
      const input = captured[k];
      if (engine.drift && input) {
        const drift: DriftReport = await checkDrift({
          ...input,
          ignore: options.ignore,
          mode: options.drift === 'fail' ? 'fail' : 'warn',
        });
        engine.drift = drift;
      }
    }
    return assembleReport(results, null, { failOn: new Set(DEFAULT_FAIL_ON) }).report;
  } finally {
    await cleanup.releaseAll();
  }
}

/** `migration: check status` lines, for compact assertions. */
export function checkLines(report: Report): string[] {
  return report.engines[0]!.migrations.map(
    (m) => `${m.id}: ${m.checks.map((c) => `${c.check} ${c.status}`).join(', ')}`,
  );
}
