/**
 * End to end through the check pipeline (run-check: url provider, dialect snapshots, step checks,
 * drift) with the plain SQL migrator, on real Postgres and MariaDB.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqlFilesMigrator } from '../../src/migrators/sql-files.js';
import { createModelSource } from '../../src/models/index.js';
import type { LocalEngine } from '../helpers/targets.js';
import { fixture, recordingLogger, testOptions } from './helpers.js';
import { checkLines, runPipeline } from './pipeline-helpers.js';

async function sql(project: string, engine: LocalEngine, models: string[] = []) {
  const cwd = fixture('sql', project);
  const options = testOptions(cwd, { models: models.map((m) => path.join(cwd, m)) });
  return runPipeline({
    engine,
    options,
    migrator: await createSqlFilesMigrator(options, recordingLogger()),
    models: createModelSource(options, recordingLogger()),
  });
}

const ALL_PASS = 'up pass, round-trip pass, re-apply pass';

describe('plain SQL through the pipeline', () => {
  it("passes golang-migrate on Postgres, with each file's statements in the report", async () => {
    const report = await sql('golang-pg', 'postgres');
    expect(checkLines(report)).toEqual([
      `001_users: ${ALL_PASS}`,
      `002_touch_trigger: ${ALL_PASS}`,
      `010_posts: ${ALL_PASS}`,
    ]);
    const trigger = report.engines[0]!.migrations[1]!;
    expect(trigger.sql.up).toHaveLength(2);
    expect(trigger.sql.down).toEqual([
      'DROP TRIGGER users_touch ON users',
      'DROP FUNCTION touch_updated_at()',
    ]);
    expect(report.status).toBe('pass');
  });

  it('passes dbmate and Flyway on MariaDB (trigger without DELIMITER, procedure with DELIMITER)', async () => {
    const dbmate = await sql('dbmate-mysql', 'mariadb');
    expect(checkLines(dbmate)).toEqual([
      `20240101120000_create_accounts: ${ALL_PASS}`,
      `20240102090000_add_plan: ${ALL_PASS}`,
    ]);
    expect(dbmate.status).toBe('pass');
    const flyway = await sql('flyway-mysql', 'mariadb');
    expect(checkLines(flyway)).toEqual([
      `V1__create_items: ${ALL_PASS}`,
      `V1_9__price_proc: ${ALL_PASS}`,
      `V1.10__add_sku: ${ALL_PASS}`,
    ]);
    expect(flyway.status).toBe('pass');
  });

  it('names the index a down file forgot', async () => {
    const report = await sql('golang-pg-forgets-index', 'postgres');
    const roundTrip = report.engines[0]!.migrations[1]!.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.status).toBe('fail');
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
      'added index users_email_lower_idx',
    ]);
    expect(report.status).toBe('fail');
  });

  it('fails a Flyway version without an undo file as irreversible', async () => {
    const report = await sql('flyway-pg-no-undo', 'postgres');
    const backfill = report.engines[0]!.migrations[1]!;
    expect(backfill.checks.find((c) => c.check === 'irreversible')!.status).toBe('fail');
    expect(report.status).toBe('fail');
  });

  it('reports drift against a schema.sql of the models', async () => {
    const report = await sql('golang-pg-drift', 'postgres', ['schema.sql']);
    expect(checkLines(report).every((l) => l.endsWith(ALL_PASS))).toBe(true);
    const drift = report.engines[0]!.drift!;
    expect(drift.differences.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
      'added column published_at',
    ]);
    expect(report.status).toBe('fail');
  });
});
