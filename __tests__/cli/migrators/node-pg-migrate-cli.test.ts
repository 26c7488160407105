/**
 * node-pg-migrate projects through the real CLI on the local Postgres, with the tool detected from
 * package.json (no --tool, no --migrations): the project's own node-pg-migrate builds the SQL, and
 * the report shows what was sent to the server, inferred downs included.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_PASS,
  check,
  checkLines,
  errorLines,
  expectSqlInMarkdown,
  fixture,
  mariadb,
  postgres,
  removeTempProjects,
  tempProject,
} from './harness.js';

afterAll(removeTempProjects);

describe('node-pg-migrate through the CLI', () => {
  it('passes a correct history with exit 0: inferred downs, noTransaction, exports.down = false', async () => {
    const r = await check(fixture('node-pg-migrate', 'clean'), postgres.args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.tool).toBe('node-pg-migrate');
    expect(checkLines(r.engine!)).toEqual([
      `1700000000000_create-users: ${ALL_PASS}`,
      `1700000000100_create-posts: ${ALL_PASS}`,
      '1700000000200_archive-status: up pass, irreversible warn, round-trip skip, re-apply skip',
      `1700000000300_user-names: ${ALL_PASS}`,
    ]);
    const [users, , archive, names] = r.engine!.migrations;
    expect(users!.file).toBe('db/migrations/1700000000000_create-users.js');
    // No exports.down: node-pg-migrate's own reverse of the up's operations is what ran.
    expect(users!.sql.down).toEqual(['DROP INDEX "users_created_at_index";', 'DROP TABLE "users";']);
    expect(users!.sql.up[0]).toMatch(/^CREATE TABLE "users" \(\n {2}"id" serial PRIMARY KEY,/);
    // The shorthand from the first migration's exports.shorthands, expanded by node-pg-migrate.
    expect(users!.sql.up[0]).toContain('"created_at" timestamp DEFAULT current_timestamp NOT NULL');
    // Outside a transaction, as pgm.noTransaction() asks: ADD VALUE is then allowed.
    expect(archive!.sql).toEqual({
      up: ['ALTER TYPE "post_status" ADD VALUE IF NOT EXISTS $pga$archived$pga$;'],
      down: [],
    });
    expect(names!.sql.up).toEqual([
      'ALTER TABLE "users"\n  ADD "display_name" text;',
      "UPDATE users SET display_name = split_part(email, '@', 1);",
    ]);
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('fails a down that forgets a column, and an up whose down cannot be inferred, with exit 1', async () => {
    const r = await check(fixture('node-pg-migrate', 'forgot-column'), postgres.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `1700000000000_create-users: ${ALL_PASS}`,
      '1700000000100_last-login: up pass, round-trip fail, re-apply fail',
      '1700000000200_backfill-logins: up pass, irreversible fail, round-trip skip, re-apply skip',
    ]);
    const login = r.engine!.migrations[1]!;
    const roundTrip = login.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.object}`)).toEqual([
      'added column public.users.last_login_at',
    ]);
    expect(login.sql.down).toEqual(['DROP INDEX "users_last_login_at_index";']);
    expect(login.checks.find((c) => c.check === 're-apply')!.error!.statement).toBe(
      'ALTER TABLE "users"\n  ADD "last_login_at" timestamptz;',
    );
    expect(r.stdout).toContain('1700000000100_last-login (migrations/1700000000100_last-login.js)');
    expect(r.stdout).toContain('column public.users.last_login_at exists after down but not before up');
    expect(r.stdout).toContain(
      'irreversible: has no down: it cannot be rolled back (add exports.down, or declare it irreversible with exports.down = false)',
    );
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('shows pgm.db queries with their values, and an up that fails in its transaction leaves nothing behind', async () => {
    const dir = tempProject('npm-failing', { nodeModules: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "devDependencies": { "node-pg-migrate": "^9.0.0" } }\n');
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(
      path.join(dir, 'migrations', '1_audit.js'),
      [
        'exports.up = async (pgm) => {',
        "  const [row] = await pgm.db.select('SELECT $1::text AS who', [\"it's me\"]);",
        "  pgm.createTable('audit', { id: 'id', who: { type: 'text', default: row.who } });",
        "  pgm.addColumn('missing', { x: 'integer' });",
        '};',
        "exports.down = (pgm) => pgm.dropTable('audit');",
        '',
      ].join('\n'),
    );
    const r = await check(dir, postgres.args);
    expect(r.code, r.stderr).toBe(1);
    const [audit] = r.engine!.migrations;
    expect(audit!.sql.up).toEqual([
      "SELECT 'it''s me'::text AS who",
      'CREATE TABLE "audit" (\n  "id" serial PRIMARY KEY,\n  "who" text DEFAULT $pga$it\'s me$pga$\n);',
      'ALTER TABLE "missing"\n  ADD "x" integer;',
    ]);
    const up = audit!.checks.find((c) => c.check === 'up')!;
    expect(up.error).toMatchObject({
      message: 'relation "missing" does not exist',
      statement: 'ALTER TABLE "missing"\n  ADD "x" integer;',
      code: '42P01',
    });
    // Rolled back with the transaction: the CREATE TABLE before it left no table.
    expect(up.differences ?? []).toEqual([]);
    expect(up.message).toBe('up failed: relation "missing" does not exist');
  });

  it('refuses MariaDB with exit 2 and one line: node-pg-migrate is Postgres only', async () => {
    const r = await check(fixture('node-pg-migrate', 'clean'), mariadb.args);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'schemagate: node-pg-migrate runs on Postgres only, but this run checks MariaDB (--engine mariadb): check a node-pg-migrate project with --engine postgres',
    ]);
  });

  it('names the package to install when the project has no node-pg-migrate', async () => {
    // Outside the repository, so no node_modules on the way up has it.
    const dir = tempProject('npm-missing');
    cpSync(fixture('node-pg-migrate', 'forgot-column'), dir, { recursive: true });
    const r = await check(dir, postgres.args);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      `schemagate: node-pg-migrate is not installed in ${dir}: schemagate runs the project's own node-pg-migrate; run npm install node-pg-migrate there`,
    ]);
  });
});
