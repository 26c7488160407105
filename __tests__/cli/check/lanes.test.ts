/**
 * Lanes (src/checks/lanes.ts): a long history checked in parallel parts gives exactly the report
 * one lane gives, including failures in either part, a stop, and a lane whose fresh start does not
 * match the schema the lane before it reached. Run through the real CLI on the server at
 * 127.0.0.1:5432; afterwards no throwaway database is left.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { splitLanes } from '../../../src/checks/lanes.js';
import { PYTHON_LANE_COST } from '../../../src/migrators/python/process.js';
import type { Report } from '../../../src/report/model.js';
import { automaticLanes } from '../../../src/run-check.js';
import { collect, runCli, startCli } from '../../helpers/cli.js';
import { forgetfulIndex, history } from '../../helpers/knex-history.js';
import { leftoverDatabases, throwawayDatabases } from '../../helpers/leftovers.js';
import { PG_URL } from '../../helpers/servers.js';

async function check(migrations: string, lanes: string, extra: string[] = []) {
  const json = path.join(mkdtempSync(path.join(tmpdir(), 'sg-lanes-report-')), 'report.json');
  const r = await runCli([
    'check',
    '--migrations',
    migrations,
    '--provider',
    'url',
    '--url',
    PG_URL,
    '--lanes',
    lanes,
    '--json',
    json,
    ...extra,
  ]);
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  return { r, report };
}

/** What a user reads in the report, without timings. */
function verdicts(report: Report) {
  return {
    status: report.status,
    migrations: report.engines[0]!.migrations.map((m) => ({
      name: m.name,
      status: m.status,
      checks: m.checks.map((c) => ({
        check: c.check,
        status: c.status,
        message: c.message,
        differences: c.differences,
      })),
      sql: m.sql,
    })),
  };
}

describe('splitLanes', () => {
  it('splits evenly, and never into lanes of fewer than 25 migrations', () => {
    expect(splitLanes(200, 2)).toEqual([
      { from: 0, to: 100 },
      { from: 100, to: 200 },
    ]);
    expect(splitLanes(60, 4)).toEqual([
      { from: 0, to: 30 },
      { from: 30, to: 60 },
    ]);
    expect(splitLanes(49, 2)).toEqual([{ from: 0, to: 49 }]);
    expect(splitLanes(3, 1)).toEqual([{ from: 0, to: 3 }]);
    expect(splitLanes(0, 4)).toEqual([{ from: 0, to: 0 }]);
    expect(splitLanes(150, 2, 100)).toEqual([{ from: 0, to: 150 }]);
    expect(splitLanes(200, 2, 100)).toEqual([
      { from: 0, to: 100 },
      { from: 100, to: 200 },
    ]);
  });
});

describe('automaticLanes', () => {
  it('shares the cores among the engines and divides them by what a lane of the tool keeps busy', () => {
    expect(automaticLanes(1, 2)).toBe(2);
    expect(automaticLanes(3, 2)).toBe(1);
    expect(automaticLanes(1, 16)).toBe(4);
    // Alembic and Django: a lane takes two cores (the driver and the server backend).
    expect(automaticLanes(1, 2, PYTHON_LANE_COST)).toBe(1);
    expect(automaticLanes(1, 4, PYTHON_LANE_COST)).toBe(2);
    expect(automaticLanes(2, 4, PYTHON_LANE_COST)).toBe(1);
  });
});

describe('lanes on Postgres', () => {
  afterEach(async () => {
    expect(await leftoverDatabases(PG_URL)).toEqual([]);
  });

  it('gives the report of one lane, with a failing migration in each lane', async () => {
    const migrations = history({ 12: forgetfulIndex(12), 45: forgetfulIndex(45) });
    const one = await check(migrations, '1');
    const two = await check(migrations, '2');
    expect(two.r.stderr).toContain('checking in 2 lanes at once: migrations 1-30, 31-60');
    expect(one.r.stderr).not.toContain('lanes at once');
    expect(two.r.code).toBe(1);
    expect(one.r.code).toBe(1);
    const failed = verdicts(two.report).migrations.filter((m) => m.status === 'fail');
    expect(failed.map((m) => m.name)).toEqual(['012_m12', '045_m45']);
    expect(failed[1]!.checks.find((c) => c.check === 'round-trip')!.message).toContain('forgot45');
    expect(verdicts(two.report)).toEqual(verdicts(one.report));
  });

  it('runs nothing after an up that fails in the first lane, as one lane would', async () => {
    const migrations = history({
      10: { up: "knex.raw('SELECT no_such_column FROM t01')", down: "knex.raw('SELECT 1')" },
    });
    const one = await check(migrations, '1');
    const two = await check(migrations, '2');
    expect(two.r.code).toBe(1);
    const statuses = verdicts(two.report).migrations.map((m) => m.status);
    expect(statuses.slice(0, 9).every((s) => s === 'pass')).toBe(true);
    expect(statuses[9]).toBe('fail');
    expect(statuses.slice(10).every((s) => s === 'not-run')).toBe(true);
    expect(verdicts(two.report)).toEqual(verdicts(one.report));
  });

  it('checks a lane again in order when its fresh start differs from where the lane before it ended', async () => {
    // Migration 5 names its table at random: the second up differs (re-apply fails and the run
    // rebuilds its database), and the second lane's own start has yet another name.
    const random = {
      up: `knex.raw("DO $$ BEGIN EXECUTE format('CREATE TABLE r_%s (id int)', (random() * 1e9)::bigint); END $$")`,
      down: `knex.raw("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'r\\\\_%' LOOP EXECUTE format('DROP TABLE %I', t); END LOOP; END $$")`,
    };
    const migrations = history({ 5: random });
    const two = await check(migrations, '2', ['--verbose']);
    expect(two.r.stderr).toContain('lane 2 started from a different schema than lane 1 ended with');
    const v = verdicts(two.report);
    expect(v.migrations[4]!.checks.map((c) => [c.check, c.status])).toEqual([
      ['up', 'pass'],
      ['round-trip', 'pass'],
      ['re-apply', 'fail'],
    ]);
    // Every other migration passes, the second lane's included, checked on the first lane's database.
    expect(v.migrations.filter((m) => m.status !== 'pass').map((m) => m.name)).toEqual(['005_m5']);
    const one = await check(migrations, '1');
    expect(verdicts(one.report).migrations.map((m) => [m.name, m.status])).toEqual(
      v.migrations.map((m) => [m.name, m.status]),
    );
  });

  it('removes every lane database on SIGTERM', async () => {
    // The second lane sleeps in its first migration; the first lane has finished its part and holds
    // its database for the join.
    const migrations = history({
      31: { up: "knex.raw('SELECT pg_sleep(30)')", down: "knex.raw('SELECT 1')" },
    });
    const child = startCli([
      'check',
      '--migrations',
      migrations,
      '--provider',
      'url',
      '--url',
      PG_URL,
      '--lanes',
      '2',
    ]);
    const result = collect(child);
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () => reject(new Error(`the sleeping migration never started: ${seen}`)),
        60_000,
      );
      child.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('31/60 031_m31: up') && seen.includes('30/60 030_m30: up again')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect((await throwawayDatabases(PG_URL)).length).toBeGreaterThanOrEqual(2);
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const r = await result;
    expect(r.code).toBe(143);
    expect(Date.now() - sentAt).toBeLessThan(25_000);
    // What the run said about its cleanup is the first thing to read when a database is left.
    expect(await leftoverDatabases(PG_URL), r.stderr).toEqual([]);
  });
});
