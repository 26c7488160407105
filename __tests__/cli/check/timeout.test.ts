/**
 * --timeout stops a migration that hangs, wherever it hangs: a knex promise that never settles, a
 * statement sleeping on Postgres (a server URL and the embedded server) or on MariaDB, and a Python
 * (Alembic) step that blocks in the driver process. The CLI exits 2 with one line that names the
 * timeout and the migration that was running, and leaves no throwaway database, no embedded server
 * or data folder, and no driver process behind.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../../helpers/cli.js';
import { expectNothingLeft } from '../../helpers/leftovers.js';
import { MYSQL_URL, PG_URL } from '../../helpers/servers.js';

const PYTHON = '/usr/bin/python3';
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A knex history: a table, then `hang` (a migration whose up never finishes). */
function knexHistory(hang: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-timeout-'));
  folders.push(dir);
  const migrations = path.join(dir, 'migrations');
  mkdirSync(migrations);
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
  writeFileSync(
    path.join(migrations, '001_users.js'),
    "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); });\n" +
      "exports.down = (knex) => knex.schema.dropTable('users');\n",
  );
  writeFileSync(
    path.join(migrations, '002_hang.js'),
    `exports.up = ${hang};\nexports.down = (knex) => knex.raw('SELECT 1');\n`,
  );
  return migrations;
}

/** An Alembic project (the clean fixture's env.py and models) whose only revision sleeps in Python. */
function alembicHang(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-timeout-alembic-'));
  folders.push(dir);
  const clean = path.join(FIXTURES, 'alembic', 'clean');
  cpSync(path.join(clean, 'alembic.ini'), path.join(dir, 'alembic.ini'));
  cpSync(path.join(clean, 'app'), path.join(dir, 'app'), { recursive: true });
  mkdirSync(path.join(dir, 'migrations', 'versions'), { recursive: true });
  cpSync(path.join(clean, 'migrations', 'env.py'), path.join(dir, 'migrations', 'env.py'));
  writeFileSync(
    path.join(dir, 'migrations', 'versions', 'aa11bb22cc33_hang.py'),
    [
      '"""hang',
      '',
      'Revision ID: aa11bb22cc33',
      'Revises:',
      '"""',
      'import time',
      '',
      'revision = "aa11bb22cc33"',
      'down_revision = None',
      'branch_labels = None',
      'depends_on = None',
      '',
      '',
      'def upgrade():',
      '    time.sleep(1000)',
      '',
      '',
      'def downgrade():',
      '    pass',
      '',
    ].join('\n'),
  );
  return dir;
}

const NEVER_SETTLES = '() => new Promise(() => {})';
const PG_SLEEP = "(knex) => knex.raw('SELECT pg_sleep(1000)')";
const MY_SLEEP = "(knex) => knex.raw('SELECT SLEEP(1000)')";

const cases = [
  {
    name: 'a knex promise that never settles (url, Postgres)',
    args: () => ['--migrations', knexHistory(NEVER_SETTLES), '--provider', 'url', '--url', PG_URL],
    seconds: 8,
    running: /002_hang \(up, postgres [\d.]+\)/,
  },
  {
    name: 'pg_sleep on Postgres (url)',
    args: () => ['--migrations', knexHistory(PG_SLEEP), '--provider', 'url', '--url', PG_URL],
    seconds: 8,
    running: /002_hang \(up, postgres [\d.]+\)/,
  },
  {
    name: 'pg_sleep on the embedded Postgres',
    args: () => ['--migrations', knexHistory(PG_SLEEP), '--provider', 'embedded'],
    // The limit counts from the start: initdb and the server's start come first.
    seconds: 20,
    running: /002_hang \(up, postgres [\d.]+\)/,
  },
  {
    name: 'SELECT SLEEP on MariaDB (url)',
    args: () => ['--migrations', knexHistory(MY_SLEEP), '--provider', 'url', '--url', MYSQL_URL],
    seconds: 8,
    running: /002_hang \(up, mariadb [^)]+\)/,
  },
  {
    name: 'a Python step that blocks (Alembic, url, Postgres)',
    args: () => ['--cwd', alembicHang(), '--python', PYTHON, '--provider', 'url', '--url', PG_URL],
    seconds: 15,
    running: /aa11bb22cc33_hang \(up, postgres [\d.]+\)/,
  },
];

describe('--timeout stops a migration that hangs', () => {
  afterEach(async () => {
    await expectNothingLeft();
  });

  // The limits leave room for a busy machine: the migration must be running when the time runs out.
  it.each(cases)(
    '$name',
    async ({ args, seconds, running }) => {
      const r = await runCli(['check', ...args(), '--timeout', String(seconds)]);
      expect(r.code, r.stderr).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l.includes('timed out'));
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^schemagate: timed out after ${seconds} s in `));
      expect(lines[0]).toMatch(running);
      expect(lines[0]).toContain('raise --timeout');
    },
    120_000,
  );
});
