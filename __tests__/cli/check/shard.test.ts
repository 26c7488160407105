/**
 * `--shard I/N` and `schemagate merge`: a long history checked in two jobs (two CLI runs), merged,
 * gives the verdict and the per-migration results of one job checking it all. Run through the real
 * CLI on the server at 127.0.0.1:5432; afterwards no throwaway database is left.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.js';
import { runCli } from '../../helpers/cli.js';
import { forgetfulIndex, history } from '../../helpers/knex-history.js';
import { leftoverDatabases } from '../../helpers/leftovers.js';
import { PG_URL } from '../../helpers/servers.js';

const out = () => mkdtempSync(path.join(tmpdir(), 'sg-shard-'));
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report;

async function check(migrations: string, shard: string | null, extra: string[] = []) {
  const json = path.join(out(), 'report.json');
  const r = await runCli([
    'check',
    '--migrations',
    migrations,
    '--provider',
    'url',
    '--url',
    PG_URL,
    '--json',
    json,
    ...(shard ? ['--shard', shard] : []),
    ...extra,
  ]);
  expect(r.stderr).not.toContain('internal error');
  return { r, json, report: read(json) };
}

async function merge(files: string[]) {
  const json = path.join(out(), 'merged.json');
  const markdown = path.join(path.dirname(json), 'merged.md');
  const r = await runCli(['merge', ...files, '--json', json, '--markdown', markdown]);
  return { r, json, markdown };
}

/** What a user reads in the report, without timings. */
function verdicts(report: Report) {
  return {
    status: report.status,
    engines: report.engines.map((e) => ({
      engine: `${e.engine} ${e.version}`,
      status: e.status,
      error: e.error ?? null,
      findings: e.findings,
      drift: e.drift ? { status: e.drift.status, differences: e.drift.differences } : null,
      migrations: e.migrations.map((m) => ({
        name: m.name,
        status: m.status,
        checks: m.checks.map((c) => ({ check: c.check, status: c.status, message: c.message })),
        sql: m.sql,
      })),
    })),
  };
}

/** Two shards and one job on the same history; the merged shards against the one job. */
async function shardedAndWhole(migrations: string, extra: string[] = []) {
  const whole = await check(migrations, null, extra);
  const first = await check(migrations, '1/2', extra);
  const second = await check(migrations, '2/2', extra);
  const merged = await merge([second.json, first.json]);
  return { whole, first, second, merged };
}

describe('--shard and schemagate merge on Postgres', () => {
  afterEach(async () => {
    expect(await leftoverDatabases(PG_URL)).toEqual([]);
  });

  it('two shards with a failing migration each merge into the one-job verdict', async () => {
    const migrations = history({ 12: forgetfulIndex(12), 45: forgetfulIndex(45) });
    // Models that hold one table of the sixty: drift, checked by the last shard only.
    const models = path.join(out(), 'schema.sql');
    writeFileSync(models, 'CREATE TABLE t01 (id serial PRIMARY KEY, name varchar(50));\n');
    const { whole, first, second, merged } = await shardedAndWhole(migrations, ['--models', models]);
    expect(first.report.engines[0]!.drift ?? null).toBeNull();
    expect(second.report.engines[0]!.drift!.status).toBe('fail');
    expect(read(merged.json).engines[0]!.drift!.differences.length).toBeGreaterThan(10);
    // Each shard checked its half, and its report says which.
    expect(first.report.engines[0]!.migrations.map((m) => m.name).slice(0, 1)).toEqual(['001_m1']);
    expect(first.report.engines[0]!.migrations).toHaveLength(30);
    expect(second.report.engines[0]!.migrations[0]!.name).toBe('031_m31');
    expect(first.report.engines[0]!.shard).toMatchObject({ index: 1, count: 2, from: 0, to: 30, total: 60 });
    expect(second.report.engines[0]!.shard!.start).toBe(first.report.engines[0]!.shard!.end);
    expect([first.r.code, second.r.code, whole.r.code]).toEqual([1, 1, 1]);

    expect(merged.r.code).toBe(1);
    const report = read(merged.json);
    expect(verdicts(report)).toEqual(verdicts(whole.report));
    expect(report.engines[0]!.migrations.filter((m) => m.status === 'fail').map((m) => m.name)).toEqual([
      '012_m12',
      '045_m45',
    ]);
    expect(report.engines[0]!.shard).toBeUndefined();
    // The merged report is a normal one: schemagate comment posts it.
    const dry = await runCli(['comment', '--report', merged.json, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(readFileSync(merged.markdown, 'utf8')).toContain('<!-- schemagate:merged -->');
  });

  it('an up that fails in the first shard: the second runs nothing, as one job would not', async () => {
    const migrations = history({
      10: { up: "knex.raw('SELECT no_such_column FROM t01')", down: "knex.raw('SELECT 1')" },
    });
    const { whole, second, merged } = await shardedAndWhole(migrations);
    expect(second.report.engines[0]!.migrations.every((m) => m.status === 'not-run')).toBe(true);
    expect(second.report.engines[0]!.shard!.start).toBeNull();
    const report = read(merged.json);
    expect(merged.r.code).toBe(1);
    expect(verdicts(report)).toEqual(verdicts(whole.report));
    expect(report.engines[0]!.migrations[9]!.status).toBe('fail');
  });

  it('shards that do not add up (a migration that names its table at random): no verdict for the engine', async () => {
    // Where lanes check the second part again in order (lanes.test.ts), a merge cannot.
    const migrations = history({
      5: {
        up: `knex.raw("DO $$ BEGIN EXECUTE format('CREATE TABLE r_%s (id int)', (random() * 1e9)::bigint); END $$")`,
        down: `knex.raw("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'r\\\\_%' LOOP EXECUTE format('DROP TABLE %I', t); END LOOP; END $$")`,
      },
    });
    const first = await check(migrations, '1/2');
    const second = await check(migrations, '2/2');
    const merged = await merge([first.json, second.json]);
    expect(merged.r.code).toBe(1);
    const report = read(merged.json);
    expect(report.engines[0]!.error).toMatch(
      /^shard 2\/2 started from a different schema than shard 1\/2 ended with \(from migration 31\), so the shards do not add up to one run: check postgres [\d.]+ without --shard, or with fewer shards$/,
    );
    expect(readFileSync(merged.markdown, 'utf8')).toContain('could not be checked');
  });

  it('refuses a missing shard, and the same shard twice, naming them', async () => {
    const migrations = history();
    const first = await check(migrations, '1/2');
    expect(first.r.code).toBe(0);
    const missing = await merge([first.json]);
    expect(missing.r.code).toBe(2);
    expect(missing.r.stderr).toContain('shard 2/2 is missing');
    const twice = await merge([first.json, first.json]);
    expect(twice.r.code).toBe(2);
    expect(twice.r.stderr).toContain(`shard 1/2 is in both ${first.json} and ${first.json}`);
  });
});
