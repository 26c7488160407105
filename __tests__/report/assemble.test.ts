import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../src/report/assemble.js';
import type { Report } from '../../src/report/model.js';
import type { MigrationResult, RunResults } from '../../src/report/results.js';
import { DEFAULT_FAIL_ON, FAIL_ON_KINDS } from '../../src/vocabulary/fail-on.js';
import { resultsOf } from '../helpers/report-results.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string): Report =>
  JSON.parse(readFileSync(path.join(here, '__fixtures__', `${name}.json`), 'utf8')) as Report;
const defaults = { failOn: new Set(DEFAULT_FAIL_ON) };

function migration(id: string, checks: MigrationResult['checks'], changed = true): MigrationResult {
  return { id, name: id, file: `migrations/${id}.sql`, changed, checks, sql: { up: [], down: [] } };
}

function results(migrations: MigrationResult[]): RunResults {
  return {
    tool: 'sql',
    cwd: '.',
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 10,
    findings: [],
    engines: [
      {
        engine: 'postgres',
        version: '17.6',
        provider: 'embedded',
        durationMs: 9,
        migrations,
        drift: null,
        findings: [],
      },
    ],
  };
}

describe('assembleReport', () => {
  it.each(['pass', 'fail', 'drift'])('gives back the %s report from what its checks found', (name) => {
    const expected = fixture(name);
    const { report } = assembleReport(
      resultsOf(expected),
      expected.pullRequest ? { pullRequest: expected.pullRequest, changedPaths: null, findings: [] } : null,
      defaults,
      { configKey: expected.configKey ?? null },
    );
    for (const e of expected.engines) if (e.error === null) delete e.error;
    expect(report).toEqual(expected);
  });

  it('writes the JSON fields in the order the report has always had', () => {
    const { report } = assembleReport(
      results([migration('001', [{ check: 'up', status: 'pass' }])]),
      { pullRequest: { number: 1, baseRef: 'main', headSha: 'abc' }, changedPaths: null, findings: [] },
      defaults,
      { configKey: '.:postgres' },
    );
    expect(Object.keys(report)).toEqual([
      'version',
      'status',
      'tool',
      'cwd',
      'startedAt',
      'durationMs',
      'engines',
      'findings',
      'pullRequest',
      'configKey',
    ]);
    const engine = report.engines[0]!;
    expect(Object.keys(engine)).toEqual([
      'engine',
      'version',
      'provider',
      'status',
      'durationMs',
      'migrations',
      'drift',
      'findings',
    ]);
    expect(Object.keys(engine.migrations[0]!)).toEqual([
      'id',
      'name',
      'file',
      'status',
      'changed',
      'checks',
      'sql',
    ]);
  });

  it('derives every status: a migration from its worst check, an engine from its migrations, the run from the verdict', () => {
    const { report, reasons } = assembleReport(
      results([
        migration('001', [{ check: 'up', status: 'pass' }]),
        migration('002', [
          { check: 'up', status: 'pass' },
          { check: 'locks', status: 'warn', message: 'rewrites orders' },
        ]),
        migration('003', [{ check: 'up', status: 'fail', message: 'up failed' }]),
        migration('004', []),
      ]),
      null,
      defaults,
    );
    expect(report.engines[0]!.migrations.map((m) => m.status)).toEqual(['pass', 'warn', 'fail', 'not-run']);
    expect(report.engines[0]!.status).toBe('fail');
    expect(report.status).toBe('fail');
    expect(reasons.map((r) => r.kind)).toEqual(['migration']);
    expect('configKey' in report || 'pullRequest' in report).toBe(false);
  });

  it('lets fail-on decide the run: a hazard passes by default and fails under `hazard`', () => {
    const found = results([
      migration('001', [
        { check: 'up', status: 'pass' },
        { check: 'locks', status: 'warn' },
      ]),
    ]);
    expect(assembleReport(found, null, defaults).report.status).toBe('pass');
    const strict = assembleReport(found, null, { failOn: new Set(FAIL_ON_KINDS) });
    expect(strict.report.status).toBe('fail');
    expect(strict.reasons.map((r) => r.kind)).toEqual(['hazard']);
    // The engine's own status is the checks', whatever the policy.
    expect(strict.report.engines[0]!.status).toBe('pass');
  });

  it("marks `changed` by the pull request's files with the matcher the run uses, and adds its findings", () => {
    const found = results([
      migration('001', [], true),
      migration('002', [], true),
      migration('003', [], true),
    ]);
    const finding = { kind: 'edited-migration', severity: 'error' as const, message: 'edited', file: 'x' };
    const pullRequest = { number: 7, baseRef: 'main', headSha: 'abc' };
    const { report } = assembleReport(
      found,
      { pullRequest, changedPaths: ['migrations/002.sql', 'src/app.ts'], findings: [finding] },
      defaults,
    );
    expect(report.engines[0]!.migrations.map((m) => m.changed)).toEqual([false, true, false]);
    expect(report.findings).toEqual([finding]);
    expect(report.pullRequest).toEqual(pullRequest);
    expect(report.status).toBe('fail');

    // Files that could not be listed: what the run was given stands, and no findings are made up.
    const unlisted = assembleReport(
      found,
      { pullRequest, changedPaths: null, findings: [] },
      defaults,
    ).report;
    expect(unlisted.engines[0]!.migrations.map((m) => m.changed)).toEqual([true, true, true]);
  });
});
