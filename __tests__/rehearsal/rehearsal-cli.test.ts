/**
 * The rehearsal with rows through the real CLI (`--rows`), for SQL files, knex and Alembic on the
 * local Postgres and SQL files on MariaDB: each data failure kind, each lock hazard the fixtures
 * hold, their quiet twins, the hazard-ok marker, small-tables and fail-on hazard's effect on the
 * Action's verdict. Every run ends with the harness's leftover checks (no database, no process).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, EngineReport } from '../../src/report/model.js';
import { failureReasons } from '../../src/report/verdict.js';
import { check, fixture, mariadb, PYTHON, postgres } from '../cli/migrators/harness.js';

const ROWS = ['--rows', '20', '--lanes', '1'];

const rehearse = (project: string, args: string[]) =>
  check(fixture('rehearsal', project), [...ROWS, ...args]);

function checkOf(engine: EngineReport, id: string, name: CheckResult['check']): CheckResult | undefined {
  return engine.migrations.find((m) => m.id === id)?.checks.find((c) => c.check === name);
}

/** `id: check status, ...` per migration, the rehearsal's two checks included. */
function lines(engine: EngineReport): string[] {
  return engine.migrations.map((m) => `${m.id}: ${m.checks.map((c) => `${c.check} ${c.status}`).join(', ')}`);
}

const CLEAN = 'up pass, round-trip pass, re-apply pass, data pass, locks pass';

describe('rehearsal with rows: SQL files on Postgres', () => {
  it('finds the up that fails on rows, the lossy down and the index built under a lock; stays quiet on the safe twins and says why', async () => {
    const r = await rehearse('sql-pg', postgres.args);
    expect(r.code, r.stderr).toBe(1);
    const e = r.engine!;
    expect(lines(e)).toEqual([
      `001_users: ${CLEAN}`,
      `002_widen_email: ${CLEAN}`,
      '003_email_index: up pass, round-trip pass, re-apply pass, data pass, locks warn',
      // Fails only where the table has rows: proven by the same up passing on empty tables.
      '004_required_plan: up pass, data fail, round-trip pass, re-apply pass',
      '005_drop_bio: up pass, round-trip warn, re-apply pass, data fail, locks pass',
      `006_score_check: ${CLEAN}`,
      `007_tier_with_default: ${CLEAN}`,
      '008_narrow_email: up pass, data fail, round-trip pass, re-apply pass',
      '009_archived: up pass, round-trip pass, re-apply pass, data fail, locks pass',
    ]);

    // Widening a varchar: the lock is taken but no work is done, and the report says so; the
    // down narrows it back, which rewrites the table: listed, not counted.
    const widen = checkOf(e, '002_widen_email', 'locks')!;
    expect(widen.message).toContain(
      'quiet: ALTER TABLE users ALTER COLUMN email TYPE varchar(200): AccessExclusiveLock on public.users only briefly',
    );
    expect(widen.hazards).toEqual([
      expect.objectContaining({ direction: 'down', work: 'rewrite', relation: 'public.users' }),
    ]);

    expect(checkOf(e, '003_email_index', 'locks')!.hazards).toEqual([
      {
        statement: 'CREATE INDEX users_email_idx ON users (email)',
        relation: 'public.users',
        lock: 'ShareLock',
        work: 'index-build',
        direction: 'up',
        safer: 'use CREATE INDEX CONCURRENTLY, in its own migration that runs outside a transaction',
      },
    ]);

    const plan = checkOf(e, '004_required_plan', 'data')!;
    expect(plan.message).toBe(
      'up fails on tables with rows: column "plan" of relation "users" contains null values (migrations/004_required_plan.up.sql:1)',
    );
    expect(plan.error?.statement).toBe('ALTER TABLE users ADD COLUMN plan text NOT NULL');

    expect(checkOf(e, '005_drop_bio', 'data')!.dataLoss).toEqual([
      expect.objectContaining({ table: 'public.users', column: 'bio', kind: 'nulled' }),
    ]);

    // A type narrowed below the stored values (full-length seeded strings) fails only with rows.
    expect(checkOf(e, '008_narrow_email', 'data')!.message).toBe(
      'up fails on tables with rows: value too long for type character varying(40) (migrations/008_narrow_email.up.sql:2)',
    );
    // A down that deletes rows the up did not create: counted per table.
    expect(checkOf(e, '009_archived', 'data')!.message).toBe(
      'up → down loses data: public.users: 5 of 20 rows lost after the down',
    );

    // The marker accepts the scan of 006 with its reason; without it the check would warn.
    const accepted = checkOf(e, '006_score_check', 'locks')!;
    expect(accepted.message).toBe(
      '1 hazard(s) accepted by schemagate:hazard-ok (users holds a few hundred rows)',
    );
    expect(accepted.hazards).toEqual([expect.objectContaining({ work: 'scan', direction: 'up' })]);

    // A constant default is a catalog change since Postgres 11: no rewrite, nothing reported.
    expect(checkOf(e, '007_tier_with_default', 'locks')!.hazards).toBeUndefined();

    // The comment lists each hazard and each loss with its line.
    expect(r.markdown).toContain(
      '- 🔒 ShareLock on public.users while building an index: blocks writes; use CREATE INDEX CONCURRENTLY',
    );
    expect(r.markdown).toMatch(
      /- public\.users\.bio: 15 values lost \(all NULL after the down\), e\.g\. 'v1x+'/,
    );

    // Hazards warn by default; `hazard` in fail-on makes them fail the run.
    const report = r.report!;
    expect(failureReasons(report, new Set(['migration'])).map((f) => f.message)).not.toContainEqual(
      expect.stringContaining('locks'),
    );
    expect(failureReasons(report, new Set(['hazard'])).map((f) => f.message)).toEqual([
      expect.stringMatching(/^migrations\/003_email_index\.up\.sql: locks warned on postgres/),
    ]);
  });

  it('--fail-on none reports every finding and never fails the run', async () => {
    const r = await rehearse('sql-pg', [...postgres.args, '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.status).toBe('pass');
    expect(checkOf(r.engine!, '004_required_plan', 'data')!.status).toBe('fail');
  });

  it('a bad --fail-on word is a usage error that names the flag and the choices', async () => {
    const r = await rehearse('sql-pg', [...postgres.args, '--fail-on', 'hazards']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--fail-on: unknown value 'hazards'; use any of migration, irreversible, drift, finding, hazard, warning, all, none",
    );
  });

  it('small-tables: a hazard on a listed table does not count', async () => {
    const r = await rehearse('sql-pg', [...postgres.args, '--small-tables', 'users']);
    const index = checkOf(r.engine!, '003_email_index', 'locks')!;
    expect(index.status).toBe('pass');
    expect(index.message!.split('\n')[0]).toBe('1 on tables listed in small-tables');
    expect(index.hazards).toHaveLength(1);
  });

  it('without --rows nothing is seeded and no rehearsal check is reported', async () => {
    const r = await check(fixture('rehearsal', 'sql-pg'), [...postgres.args, '--lanes', '1']);
    const names = new Set(r.engine!.migrations.flatMap((m) => m.checks.map((c) => c.check)));
    expect(names.has('data') || names.has('locks')).toBe(false);
    // 004 passes on empty tables: exactly the migration the rehearsal exists to catch.
    expect(r.engine!.migrations.find((m) => m.id === '004_required_plan')!.status).toBe('pass');
  });
});

describe('rehearsal with rows: knex and Alembic on Postgres', () => {
  it('knex: the index hazard, notNullable() without a default, and the column the down re-creates empty', async () => {
    const r = await rehearse('knex-pg', [...postgres.args, '--drift', 'off']);
    const e = r.engine!;
    expect(lines(e)).toEqual([
      `001_accounts.js: ${CLEAN}`,
      '002_name_index.js: up pass, round-trip pass, re-apply pass, data pass, locks warn',
      '003_required_region.js: up pass, data fail, round-trip pass, re-apply pass',
      '004_drop_notes.js: up pass, round-trip warn, re-apply pass, data fail, locks pass',
    ]);
    expect(checkOf(e, '002_name_index.js', 'locks')!.hazards![0]).toMatchObject({
      relation: 'public.accounts',
      lock: 'ShareLock',
      work: 'index-build',
    });
    expect(checkOf(e, '003_required_region.js', 'data')!.error?.statement).toBe(
      'alter table "accounts" add column "region" varchar(20) not null',
    );
    expect(checkOf(e, '004_drop_notes.js', 'data')!.dataLoss![0]).toMatchObject({
      column: 'notes',
      kind: 'nulled',
    });
  });

  it('Alembic: a type change that rewrites the table, a required column and a lossy downgrade', async () => {
    const r = await rehearse('alembic-pg', [...postgres.args, '--drift', 'off', '--python', PYTHON]);
    const e = r.engine!;
    expect(lines(e)).toEqual([
      `a1: ${CLEAN}`,
      'a2: up pass, round-trip pass, re-apply pass, data pass, locks warn',
      'a3: up pass, data fail, round-trip pass, re-apply pass',
      'a4: up pass, round-trip warn, re-apply pass, data fail, locks pass',
    ]);
    expect(checkOf(e, 'a2', 'locks')!.hazards).toContainEqual(
      expect.objectContaining({
        direction: 'up',
        work: 'rewrite',
        lock: 'AccessExclusiveLock',
        relation: 'public.orders',
      }),
    );
    expect(checkOf(e, 'a3', 'data')!.message).toContain(
      'column "status" of relation "orders" contains null values',
    );
    expect(checkOf(e, 'a4', 'data')!.dataLoss![0]).toMatchObject({ table: 'public.orders', column: 'memo' });
  });
});

describe('rehearsal with rows: SQL files on MariaDB (standing in for MySQL 8)', () => {
  it('asks the server: a type change is a table COPY that blocks writes; an added column is INSTANT and quiet', async () => {
    const r = await rehearse('sql-mariadb', mariadb.args);
    expect(r.code, r.stderr).toBe(0);
    const e = r.engine!;
    expect(lines(e)).toEqual([
      `001_users: ${CLEAN}`,
      '002_score_bigint: up pass, round-trip pass, re-apply pass, data pass, locks warn',
      `003_nickname: ${CLEAN}`,
    ]);
    expect(checkOf(e, '002_score_bigint', 'locks')!.hazards).toContainEqual(
      expect.objectContaining({ direction: 'up', algorithm: 'COPY', lock: 'LOCK=SHARED', work: 'rewrite' }),
    );
    // The CLI's --fail-on, as the Action's input: a hazard in an up fails the run only when asked.
    const strict = await rehearse('sql-mariadb', [...mariadb.args, '--fail-on', 'migration,hazard']);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.report!.status).toBe('fail');
    expect(checkOf(e, '003_nickname', 'locks')!.message).toMatch(
      /^quiet: ALTER TABLE users ADD COLUMN nickname .*ALGORITHM=INSTANT/,
    );
  });
});
