/**
 * The knex scenario suite (clean history, forgotten index, empty down, a second up that differs, an up
 * that throws), through the real CLI, on every target of helpers/targets.ts: Postgres and MariaDB
 * through --url, an embedded Postgres, Postgres and MariaDB in Docker. The fixtures are engine-neutral
 * knex (__tests__/fixtures/knex-neutral/ and the portable ones of __tests__/fixtures/knex/); each
 * engine's own error text and code are asserted. On the Postgres targets, examples/knex-basic (a
 * knexfile, timestamped names, a Postgres enum) passes too.
 * Before and after every scenario nothing of the run's is left: no container, no `schemagate_`
 * database on either local server, no embedded server or data folder.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, readReport, removeReports, reportPath, runCli } from '../../helpers/cli.js';
import { expectNothingLeft } from '../../helpers/leftovers.js';
import {
  embeddedPostgres,
  postgres,
  skipReason,
  TARGETS,
  type Target,
  unavailable,
} from '../../helpers/targets.js';

const NEUTRAL = path.join(FIXTURES, 'knex-neutral');
const KNEX = path.join(FIXTURES, 'knex');

/** What each engine says, in its own words, for the failures the fixtures provoke. */
function expectedErrors(t: Target) {
  if (t.engine === 'postgres') {
    return {
      indexExists: {
        message: 'relation "users_name_lookup_idx" already exists',
        statement: 'create index "users_name_lookup_idx" on "users" ("name")',
        code: '42P07',
      },
      columnExists: {
        message: 'column "age" of relation "users" already exists',
        statement: 'alter table "users" add column "age" integer',
        code: '42701',
      },
      noTable: { message: /^relation "accounts" does not exist$/, code: '42P01' },
      ageType: 'integer',
    };
  }
  return {
    // MariaDB: ER_DUP_KEYNAME (1061), ER_DUP_FIELDNAME (1060), ER_NO_SUCH_TABLE (1146), with the
    // SQLSTATE and errno the report keeps where Postgres would give a DETAIL.
    indexExists: {
      message: "Duplicate key name 'users_name_lookup_idx'",
      statement: 'alter table `users` add index `users_name_lookup_idx`(`name`)',
      code: 'ER_DUP_KEYNAME',
      sqlState: '42000',
      errno: 1061,
    },
    columnExists: {
      message: "Duplicate column name 'age'",
      statement: 'alter table `users` add `age` int',
      code: 'ER_DUP_FIELDNAME',
      sqlState: '42S21',
      errno: 1060,
    },
    // The table is named with the throwaway database it was looked for in.
    noTable: {
      message: /^Table 'schemagate_\w+\.accounts' doesn't exist$/,
      code: 'ER_NO_SUCH_TABLE',
      sqlState: '42S02',
      errno: 1146,
    },
    ageType: 'int',
  };
}

/** `schemagate check --migrations <fixture>/migrations` on the target, with its JSON report. */
async function checkMigrations(t: Target, folder: string) {
  const json = reportPath();
  const r = await runCli([
    'check',
    '--migrations',
    path.join(folder, 'migrations'),
    ...t.args,
    '--json',
    json,
  ]);
  return { r, report: () => readReport(json) };
}

for (const t of TARGETS) {
  describe.skipIf(unavailable(t))(`knex scenarios on ${t.name}${skipReason(t)}`, () => {
    const errors = expectedErrors(t);
    beforeEach(() => expectNothingLeft());
    afterAll(removeReports);
    afterEach(() => expectNothingLeft());

    it('passes a clean three-migration history with exit 0', async () => {
      const { r, report: read } = await checkMigrations(t, path.join(NEUTRAL, 'clean'));
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const report = read();
      expect(report.status).toBe('pass');
      expect(report.engines).toHaveLength(1);
      const engine = report.engines[0]!;
      expect(engine.engine).toBe(t.engine);
      expect(engine.provider).toBe(t.provider);
      expect(engine.version).toMatch(t.engine === 'mariadb' ? /^\d+\.\d+\.\d+-MariaDB/ : /^\d+\.\d+/);
      expect(engine.migrations.map((m) => [m.name, m.status])).toEqual([
        ['001_create_teams', 'pass'],
        ['002_create_users', 'pass'],
        ['003_add_user_status', 'pass'],
      ]);
      for (const m of engine.migrations) {
        expect(m.checks.map((c) => [c.check, c.status])).toEqual([
          ['up', 'pass'],
          ['round-trip', 'pass'],
          ['re-apply', 'pass'],
        ]);
      }
      // The SQL each migration ran, in each direction, in the engine's own dialect.
      const [teams, users, status] = engine.migrations;
      expect(teams!.sql.up[0]).toMatch(new RegExp(`^create table ${escapeRegExp(t.q('teams'))} `));
      expect(teams!.sql.down).toEqual([`drop table ${t.q('teams')}`]);
      expect(users!.sql.up.join('\n')).toContain(
        `foreign key (${t.q('team_id')}) references ${t.q('teams')}`,
      );
      expect(status!.sql.down).toHaveLength(2);
      expect(status!.sql.down.join('\n')).toContain(t.q('users_status_idx'));
      expect(r.stdout).toContain(`${t.engine} ${engine.version} (${t.provider}): PASS`);
      expect(r.stdout).toContain('PASS: 3 passed, 0 failed');
    });

    // Postgres only: the example's third migration creates a Postgres enum type.
    if (t.engine === 'postgres')
      it('passes examples/knex-basic: a knexfile, timestamped names, a Postgres enum, bindings inlined', async () => {
        const json = reportPath();
        const r = await runCli([
          'check',
          '--cwd',
          path.join(ROOT, 'examples', 'knex-basic'),
          ...t.args,
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
      const { r, report } = await checkMigrations(t, path.join(NEUTRAL, 'forgot-index'));
      expect(r.code).toBe(1);
      const m = report().engines[0]!.migrations;
      // The third migration is still checked, on a database rebuilt after the failed re-apply.
      expect(m.map((x) => x.status)).toEqual(['pass', 'fail', 'pass']);
      const roundTrip = m[1]!.checks.find((c) => c.check === 'round-trip')!;
      expect(roundTrip.status).toBe('fail');
      expect(roundTrip.differences).toEqual([
        expect.objectContaining({
          change: 'added',
          kind: 'index',
          name: 'users_name_lookup_idx',
          object: `index users_name_lookup_idx on ${t.table('users')}`,
        }),
      ]);
      expect(roundTrip.message).toContain('users_name_lookup_idx');
      const reapply = m[1]!.checks.find((c) => c.check === 're-apply')!;
      expect(reapply.status).toBe('fail');
      expect(reapply.error).toEqual(errors.indexExists);
      expect(r.stdout).toContain('002_add_nickname_and_lookup');
      expect(r.stdout).toContain(`index users_name_lookup_idx on ${t.table('users')}`);
      expect(r.stdout).toContain(errors.indexExists.message);
      expect(r.stdout).toContain(`statement: ${errors.indexExists.statement}`);
    });

    it('fails an empty down and names the column it leaves behind', async () => {
      const { r, report } = await checkMigrations(t, path.join(KNEX, 'empty-down'));
      expect(r.code).toBe(1);
      const m = report().engines[0]!.migrations[1]!;
      expect(m.status).toBe('fail');
      expect(m.sql.down).toEqual([]);
      expect(m.checks.find((c) => c.check === 'irreversible')?.status).toBe('fail');
      const roundTrip = m.checks.find((c) => c.check === 'round-trip')!;
      expect(roundTrip.differences).toEqual([
        expect.objectContaining({
          change: 'added',
          kind: 'column',
          name: 'age',
          object: `column ${t.table('users')}.age`,
          after: errors.ageType,
        }),
      ]);
      expect(roundTrip.message).toContain(`column ${t.table('users')}.age`);
      // The column is still there, so the second up fails on it.
      expect(m.checks.find((c) => c.check === 're-apply')?.error).toEqual(errors.columnExists);
      expect(r.stdout).toContain(`column ${t.table('users')}.age: added (${errors.ageType})`);
    });

    it('fails a second up that builds a different schema than the first', async () => {
      const { r, report } = await checkMigrations(t, path.join(KNEX, 'reapply-differs'));
      expect(r.code).toBe(1);
      const m = report().engines[0]!.migrations[1]!;
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
      const { r, report } = await checkMigrations(t, path.join(KNEX, 'throwing-up'));
      expect(r.code).toBe(1);
      const engine = report().engines[0]!;
      expect(engine.status).toBe('fail');
      const m = engine.migrations[1]!;
      expect(m.status).toBe('fail');
      const up = m.checks.find((c) => c.check === 'up')!;
      expect(up.status).toBe('fail');
      expect(up.error).toEqual({
        message: expect.stringMatching(errors.noTable.message),
        statement: 'ALTER TABLE accounts ADD COLUMN owner_id integer',
        code: errors.noTable.code,
        ...('sqlState' in errors.noTable
          ? { sqlState: errors.noTable.sqlState, errno: errors.noTable.errno }
          : {}),
      });
      expect(up.message).toMatch(/^up failed: /);
      expect(r.stdout).toContain('statement: ALTER TABLE accounts ADD COLUMN owner_id integer');
      expect(r.stdout).toContain(up.error!.message);
      // The SQL shows what ran before the failing statement, too.
      expect(m.sql.up).toEqual([
        expect.stringMatching(/^create table [`"]audit_log[`"]/),
        'ALTER TABLE accounts ADD COLUMN owner_id integer',
      ]);
      if (t.engine === 'postgres') {
        // Postgres rolled the whole migration back: nothing is left.
        expect(up.differences).toBeUndefined();
      } else {
        // MySQL DDL is not transactional: the table created before the failing statement stays.
        expect(up.differences).toEqual([
          expect.objectContaining({ change: 'added', kind: 'table', object: 'table audit_log' }),
        ]);
        expect(up.message).toContain(
          'what ran before it stays applied: table audit_log exists after the failed up',
        );
      }
    });
  });
}

describe('knex loading', () => {
  beforeEach(() => expectNothingLeft());
  afterAll(removeReports);
  afterEach(() => expectNothingLeft());

  it('loads TypeScript migrations from several folders through a knexfile.ts', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--cwd',
      path.join(KNEX, 'clean-ts'),
      ...embeddedPostgres.args,
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
      ...postgres.args,
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
