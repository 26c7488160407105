/**
 * The knex-on-Postgres scenarios of the foundation issue, run through the real CLI against both
 * real Postgres servers: the embedded one and the server at 127.0.0.1:5432 through --url.
 * After each scenario nothing may be left: no throwaway database, no server process, no data dir.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.js';
import { FIXTURES, ROOT, runCli } from '../../helpers/cli.js';
import { embeddedDataDirs, embeddedProcesses, throwawayDatabases } from '../../helpers/leftovers.js';
import { PG_URL } from '../../helpers/servers.js';

const KNEX = path.join(FIXTURES, 'knex');
const providers = [
  { name: 'embedded', args: ['--provider', 'embedded'] },
  { name: 'url', args: ['--provider', 'url', '--url', PG_URL] },
] as const;

function reportPath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'sg-report-')), 'report.json');
}

function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

describe.each(providers)('knex on Postgres ($name)', (provider) => {
  afterEach(async () => {
    expect(await throwawayDatabases(PG_URL)).toEqual([]);
    expect(embeddedProcesses()).toEqual([]);
    expect(embeddedDataDirs()).toEqual([]);
  });

  it('passes a clean three-migration history with exit 0', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--cwd',
      path.join(ROOT, 'examples', 'knex-basic'),
      ...provider.args,
      '--json',
      json,
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const report = readReport(json);
    expect(report.status).toBe('pass');
    expect(report.engines).toHaveLength(1);
    expect(report.engines[0]!.engine).toBe('postgres');
    expect(report.engines[0]!.version).toMatch(/^\d+\.\d+/);
    const migrations = report.engines[0]!.migrations;
    expect(migrations.map((m) => [m.name, m.status])).toEqual([
      ['20240101000000_create_teams', 'pass'],
      ['20240102000000_create_users', 'pass'],
      ['20240103000000_add_user_status', 'pass'],
    ]);
    for (const m of migrations) {
      expect(m.checks.map((c) => [c.check, c.status])).toEqual([
        ['up', 'pass'],
        ['round-trip', 'pass'],
        ['re-apply', 'pass'],
      ]);
    }
    // The SQL each migration ran, in each direction, with bindings inlined.
    expect(migrations[0]!.sql.up[0]).toMatch(/^create table "teams"/);
    expect(migrations[0]!.sql.down).toEqual(['drop table "teams"']);
    expect(migrations[2]!.sql.up.join('\n')).toContain(
      "CREATE TYPE user_status AS ENUM ('active', 'suspended')",
    );
    expect(migrations[2]!.sql.up.join('\n')).toContain("default 'active'");
    expect(r.stdout).toContain('PASS: 3 passed, 0 failed');
  });

  it('names the index a down forgot, and shows the server error of the second up', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--migrations',
      path.join(KNEX, 'forgot-index', 'migrations'),
      ...provider.args,
      '--json',
      json,
    ]);
    expect(r.code).toBe(1);
    const m = readReport(json).engines[0]!.migrations;
    expect(m.map((x) => x.status)).toEqual(['pass', 'fail', 'pass']);
    const roundTrip = m[1]!.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.status).toBe('fail');
    expect(roundTrip.differences).toEqual([
      expect.objectContaining({ change: 'added', kind: 'index', name: 'users_name_lookup_idx' }),
    ]);
    expect(roundTrip.message).toContain('users_name_lookup_idx');
    const reapply = m[1]!.checks.find((c) => c.check === 're-apply')!;
    expect(reapply.status).toBe('fail');
    expect(reapply.error?.message).toBe('relation "users_name_lookup_idx" already exists');
    expect(reapply.error?.code).toBe('42P07');
    expect(r.stdout).toContain('002_add_nickname_and_lookup');
    expect(r.stdout).toContain('users_name_lookup_idx');
  });

  it('fails an empty down and names the column it leaves behind', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--migrations',
      path.join(KNEX, 'empty-down', 'migrations'),
      ...provider.args,
      '--json',
      json,
    ]);
    expect(r.code).toBe(1);
    const m = readReport(json).engines[0]!.migrations[1]!;
    expect(m.status).toBe('fail');
    expect(m.sql.down).toEqual([]);
    const roundTrip = m.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.differences).toEqual([
      expect.objectContaining({ change: 'added', kind: 'column', name: 'age' }),
    ]);
    expect(roundTrip.message).toMatch(/column public\.users\.age/);
    expect(m.checks.find((c) => c.check === 'irreversible')?.status).toBe('fail');
    expect(r.stdout).toMatch(/public\.users\.age/);
  });

  it('fails a second up that builds a different schema than the first', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--migrations',
      path.join(KNEX, 'reapply-differs', 'migrations'),
      ...provider.args,
      '--json',
      json,
    ]);
    expect(r.code).toBe(1);
    const m = readReport(json).engines[0]!.migrations[1]!;
    expect(m.checks.find((c) => c.check === 'round-trip')?.status).toBe('pass');
    const reapply = m.checks.find((c) => c.check === 're-apply')!;
    expect(reapply.status).toBe('fail');
    expect(reapply.differences).toEqual([
      expect.objectContaining({ change: 'removed', kind: 'index', name: 'users_name_idx_1' }),
      expect.objectContaining({ change: 'added', kind: 'index', name: 'users_name_idx_2' }),
    ]);
    expect(r.stdout).toContain('the second up gives a different schema than the first');
  });

  it('reports the failing statement and the error of an up that throws', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--migrations',
      path.join(KNEX, 'throwing-up', 'migrations'),
      ...provider.args,
      '--json',
      json,
    ]);
    expect(r.code).toBe(1);
    const m = readReport(json).engines[0]!.migrations[1]!;
    const up = m.checks.find((c) => c.check === 'up')!;
    expect(up.status).toBe('fail');
    expect(up.error).toEqual({
      message: 'relation "accounts" does not exist',
      statement: 'ALTER TABLE accounts ADD COLUMN owner_id integer',
      code: '42P01',
    });
    expect(r.stdout).toContain('statement: ALTER TABLE accounts ADD COLUMN owner_id integer');
    expect(r.stdout).toContain('relation "accounts" does not exist');
  });
});

describe('knex loading', () => {
  it('loads TypeScript migrations from several folders through a knexfile.ts', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--cwd',
      path.join(KNEX, 'clean-ts'),
      '--provider',
      'embedded',
      '--json',
      json,
    ]);
    expect(r.code).toBe(0);
    const report = readReport(json);
    expect(report.engines[0]!.migrations.map((m) => m.file)).toEqual([
      'migrations/20240101_create_projects.ts',
      'migrations-extra/20240102_create_tasks.ts',
    ]);
  });

  it('loads ESM migrations (.js in a module package, .mjs when loadExtensions has it)', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--cwd',
      path.join(KNEX, 'clean-esm'),
      '--provider',
      'url',
      '--url',
      PG_URL,
      '--json',
      json,
    ]);
    expect(r.code).toBe(0);
    expect(readReport(json).engines[0]!.migrations.map((m) => m.name)).toEqual([
      '001_create_tags',
      '002_tag_label_index',
    ]);
  });
});
