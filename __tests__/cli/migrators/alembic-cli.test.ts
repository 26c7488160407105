/**
 * Alembic projects through the real CLI, on the local Postgres and MariaDB, with the tool detected
 * from alembic.ini (no --tool). Each broken project fails for one reason only (its models match
 * its migrations), and the test names that reason: the migration, the check and the object.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PASS, check, checkLines, ENGINES, expectSqlInMarkdown, fixture, PYTHON } from './harness.js';

const alembic = (project: string, args: string[]) =>
  check(fixture('alembic', project), ['--python', PYTHON, ...args]);

describe.each(ENGINES)('Alembic through the CLI on $name', (engine) => {
  const table = (name: string) => (engine.name === 'postgres' ? `public.${name}` : name);

  it('passes a clean history with exit 0, the SQL of every revision in the JSON and the comment', async () => {
    const r = await alembic('clean', engine.args);
    expect(r.code, r.stderr).toBe(0);
    const report = r.report!;
    expect(report.tool).toBe('alembic');
    expect(r.engine!.engine).toBe(engine.name);
    expect(checkLines(r.engine!)).toEqual([
      `1a2b3c4d5e6f: ${ALL_PASS}`,
      `2b3c4d5e6f7a: ${ALL_PASS}`,
      `3c4d5e6f7a8b: ${ALL_PASS}`,
      `4d5e6f7a8b9c: ${ALL_PASS}`,
    ]);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(report.findings).toEqual([]);

    const [users, posts, settings, backfill] = r.engine!.migrations;
    // Offline SQL (`upgrade a:b --sql`) in the engine's own dialect, without alembic_version.
    expect(users!.sql.up[1]).toBe('CREATE UNIQUE INDEX ix_users_email ON users (email)');
    expect(users!.sql.down).toEqual(
      engine.name === 'postgres'
        ? ['DROP INDEX ix_users_email', 'DROP TABLE users']
        : ['DROP INDEX ix_users_email ON users', 'DROP TABLE users'],
    );
    expect(posts!.sql.down).toEqual(['DROP TABLE posts']);
    expect(settings!.sql.up.at(-1)).toMatch(
      /^INSERT INTO settings \(`?key`?, value\) VALUES \('theme', 'it''s dark'\)$/,
    );
    // A revision that reads data cannot run offline: the statements it executed are shown instead.
    expect(backfill!.sql).toEqual({
      up: ['SELECT id, email FROM users'],
      down: ["UPDATE users SET name = ''"],
    });
    for (const m of r.engine!.migrations) expect(m.sql.up.join('\n')).not.toMatch(/alembic_version/);
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('fails a downgrade that forgets an index, naming the revision and the index', async () => {
    const r = await alembic('forgets-index', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `1a2b3c4d5e6f: ${ALL_PASS}`,
      '2b3c4d5e6f7a: up pass, round-trip fail, re-apply fail',
    ]);
    const posts = r.engine!.migrations[1]!;
    const roundTrip = posts.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.object}`)).toEqual([
      `added index ix_users_id_email on ${table('users')}`,
    ]);
    expect(posts.checks.find((c) => c.check === 're-apply')!.error!.statement).toBe(
      'CREATE INDEX ix_users_id_email ON users (id, email)',
    );
    expect(posts.sql.down).toEqual(['DROP TABLE posts']);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(r.report!.findings).toEqual([]);
    expect(r.stdout).toContain(
      '2b3c4d5e6f7a_create_posts (migrations/versions/2b3c4d5e6f7a_create_posts.py)',
    );
    expect(r.stdout).toContain(
      `round-trip: down does not restore the schema before up: index ix_users_id_email on ${table('users')} exists after down but not before up`,
    );
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('fails a revision with no downgrade() and passes one that declares itself irreversible', async () => {
    const r = await alembic('irreversible', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `1a2b3c4d5e6f: ${ALL_PASS}`,
      '5e6f7a8b9c0d: up pass, irreversible warn, round-trip skip, re-apply skip',
      '6f7a8b9c0d1e: up pass, irreversible fail, round-trip skip, re-apply skip',
    ]);
    expect(r.engine!.migrations.map((m) => m.status)).toEqual(['pass', 'warn', 'fail']);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(r.stdout).toContain(
      '6f7a8b9c0d1e_no_downgrade (migrations/versions/6f7a8b9c0d1e_no_downgrade.py)',
    );
    expect(r.stdout).toContain('irreversible: has no down: it cannot be rolled back');
    expect(r.stdout).toContain('irreversible: declared irreversible: down and re-apply were not run');
  });

  it('fails a model column that no revision creates (drift), with the SQL that closes it', async () => {
    const r = await alembic('drift', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.engine!.migrations.every((m) => m.status === 'pass')).toBe(true);
    const drift = r.engine!.drift!;
    expect(drift.status).toBe('fail');
    expect(drift.differences.map((d) => `${d.change} ${d.object}`)).toEqual([
      `added column ${table('settings')}.updated_by`,
    ]);
    expect(drift.sql.map((s) => s.sql)).toEqual([
      engine.name === 'postgres'
        ? 'ALTER TABLE public.settings ADD COLUMN updated_by character varying(100)'
        : 'ALTER TABLE `settings` ADD COLUMN `updated_by` varchar(100) NULL',
    ]);
    expect(r.stdout).toContain(`column ${table('settings')}.updated_by: migrations give no such column`);
    expect(r.markdown).toContain('updated_by');
  });

  it('fails two heads with a finding that names both, while every revision passes', async () => {
    const r = await alembic('two-heads', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!).every((l) => l.endsWith(ALL_PASS))).toBe(true);
    expect(r.engine!.migrations.map((m) => m.id).sort()).toEqual([
      '1a2b3c4d5e6f',
      '2b3c4d5e6f7a',
      '7a8b9c0d1e2f',
    ]);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    const message =
      'Alembic has 2 heads (2b3c4d5e6f7a in migrations/versions/2b3c4d5e6f7a_create_posts.py, 7a8b9c0d1e2f in migrations/versions/7a8b9c0d1e2f_add_bio.py): merge them with "alembic merge heads"';
    expect(r.report!.findings).toEqual([
      {
        kind: 'multiple-heads',
        severity: 'error',
        message,
        file: 'migrations/versions/7a8b9c0d1e2f_add_bio.py',
        migration: '7a8b9c0d1e2f',
      },
    ]);
    expect(r.stdout).toContain(message);
    expect(r.markdown).toContain('Alembic has 2 heads');
  });
});
