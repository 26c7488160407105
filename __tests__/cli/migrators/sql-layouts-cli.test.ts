/**
 * goose, pop / fizz, Prisma Migrate and Drizzle Kit folders through the real CLI, on the local
 * Postgres and MariaDB, with the tool and the layout detected from the project (no --tool, no
 * --migrations): every check, the report and the comment work as for the other SQL layouts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_PASS,
  check,
  checkLines,
  expectSqlInMarkdown,
  fixture,
  mariadb,
  postgres,
  removeTempProjects,
  type Target,
  tempProject,
} from './harness.js';

afterAll(removeTempProjects);

const sql = (project: string, engine: Target, args: string[] = []) =>
  check(fixture('sql', project), [...engine.args, ...args]);

const POP = ['20240101000000_users', '20240102000000_posts', '20240103000000_posts_title'];
const CLEAN: { project: string; engine: Target; migrations: string[] }[] = [
  {
    project: 'goose-pg',
    engine: postgres,
    migrations: ['00001_users', '00002_posts', '20240310120000_posts_title_search'],
  },
  {
    project: 'goose-mysql',
    engine: mariadb,
    migrations: ['00001_authors', '00002_books', '00003_books_isbn'],
  },
  // One pop folder holds every database's files: each engine runs its own dialect's.
  { project: 'pop-pg', engine: postgres, migrations: POP },
  { project: 'pop-pg', engine: mariadb, migrations: POP },
];

describe('goose and pop through the CLI: clean histories', () => {
  it.each(CLEAN)(
    '$project passes on $engine.name with exit 0 and its SQL in the JSON and the comment',
    async ({ project, engine, migrations }) => {
      const r = await sql(project, engine);
      expect(r.code, r.stderr).toBe(0);
      expect(r.report!.tool).toBe('sql');
      expect(checkLines(r.engine!)).toEqual(migrations.map((m) => `${m}: ${ALL_PASS}`));
      for (const m of r.engine!.migrations) {
        expect(m.sql.up.length, `${m.name} up`).toBeGreaterThan(0);
        expect(m.sql.down.length, `${m.name} down`).toBeGreaterThan(0);
      }
      expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
    },
  );

  it('goose: a StatementBegin/End block runs as one statement, on Postgres and MariaDB', async () => {
    const pg = await sql('goose-pg', postgres);
    const users = pg.engine!.migrations[0]!;
    expect(users.sql.up).toHaveLength(3);
    expect(users.sql.up[1]).toMatch(/^CREATE FUNCTION touch_updated_at\(\)[\s\S]*RETURN NEW;\nEND;\n\$\$$/);
    const my = await sql('goose-mysql', mariadb);
    const books = my.engine!.migrations[1]!;
    expect(books.sql.up).toHaveLength(3);
    expect(books.sql.up[2]).toMatch(/^CREATE PROCEDURE raise_book_prices\(IN pct int\)\nBEGIN[\s\S]*END$/);
    expect(books.sql.down).toEqual(['DROP PROCEDURE raise_book_prices', 'DROP TABLE books']);
  });

  it('goose: a block goose sends in one Exec (a plpgsql function and its comment) runs as one statement', async () => {
    const dir = tempProject('goose-block');
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(
      path.join(dir, 'migrations', '00001_bump.sql'),
      [
        '-- +goose Up',
        'CREATE TABLE t (id int);',
        '-- +goose StatementBegin',
        'CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$',
        'BEGIN',
        '  NEW.id := NEW.id + 1;',
        '  RETURN NEW;',
        'END;',
        '$$;',
        "COMMENT ON FUNCTION bump() IS 'bumps; ids';",
        '-- +goose StatementEnd',
        '-- +goose Down',
        'DROP FUNCTION bump();',
        'DROP TABLE t;',
        '',
      ].join('\n'),
    );
    const r = await check(dir, postgres.args);
    expect(r.code, r.stderr).toBe(0);
    expect(checkLines(r.engine!)).toEqual([`00001_bump: ${ALL_PASS}`]);
    expect(r.engine!.migrations[0]!.sql.up).toEqual([
      'CREATE TABLE t (id int)',
      "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.id := NEW.id + 1;\n  RETURN NEW;\nEND;\n$$;\nCOMMENT ON FUNCTION bump() IS 'bumps; ids'",
    ]);
  });

  it('pop: a generic .autocommit file makes the folder pop and runs outside a transaction', async () => {
    // A value added to an enum cannot be used in the transaction that added it: only autocommit passes.
    const dir = tempProject('pop-autocommit');
    mkdirSync(path.join(dir, 'migrations'));
    const files: Record<string, string> = {
      '20200101000000_feelings.up.sql':
        "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE feelings (m mood NOT NULL);\n",
      '20200101000000_feelings.down.sql': 'DROP TABLE feelings;\nDROP TYPE mood;\n',
      '20200102000000_meh.autocommit.up.sql':
        "ALTER TYPE mood ADD VALUE 'meh';\nINSERT INTO feelings VALUES ('meh');\n",
      '20200102000000_meh.autocommit.down.sql': [
        "DELETE FROM feelings WHERE m = 'meh';",
        'ALTER TABLE feelings ALTER COLUMN m TYPE text;',
        'DROP TYPE mood;',
        "CREATE TYPE mood AS ENUM ('ok');",
        'ALTER TABLE feelings ALTER COLUMN m TYPE mood USING m::mood;',
        '',
      ].join('\n'),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'migrations', name), text);
    const r = await check(dir, postgres.args);
    expect(r.code, r.stderr).toBe(0);
    expect(checkLines(r.engine!)).toEqual([
      `20200101000000_feelings: ${ALL_PASS}`,
      `20200102000000_meh: ${ALL_PASS}`,
    ]);
    expect(r.engine!.migrations[1]!.file).toBe('migrations/20200102000000_meh.autocommit.up.sql');
    expect(r.engine!.migrations[1]!.sql.up).toEqual([
      "ALTER TYPE mood ADD VALUE 'meh'",
      "INSERT INTO feelings VALUES ('meh')",
    ]);
  });

  it("pop: each engine runs its dialect's file; the generic file serves both", async () => {
    const pg = await sql('pop-pg', postgres);
    const my = await sql('pop-pg', mariadb);
    expect(pg.engine!.migrations.map((m) => m.file)).toEqual([
      'migrations/20240101000000_users.postgres.up.sql',
      'migrations/20240102000000_posts.up.sql',
      'migrations/20240103000000_posts_title.postgres.autocommit.up.sql',
    ]);
    expect(pg.engine!.migrations[2]!.sql.up).toEqual([
      'CREATE INDEX CONCURRENTLY posts_title_idx ON posts (title)',
    ]);
    expect(my.engine!.migrations[2]!.sql.up).toEqual(['CREATE INDEX posts_title_idx ON posts (title)']);
    expect(my.engine!.migrations[0]!.sql.up[0]).toContain('AUTO_INCREMENT');
    expect(my.engine!.migrations[1]!.sql.up).toEqual(pg.engine!.migrations[1]!.sql.up);
  });
});

describe.each([
  {
    project: 'goose-pg-forgets-index',
    statement: 'CREATE INDEX users_email_lower_idx ON users (lower(email))',
  },
  {
    project: 'pop-pg-forgets-index',
    statement: 'CREATE INDEX users_email_lower_idx ON users (lower(email))',
  },
])('$project through the CLI on postgres: a down that forgets an index', ({ project, statement }) => {
  it('fails, naming the migration, its file and the index', async () => {
    const r = await sql(project, postgres);
    expect(r.code, r.stderr).toBe(1);
    const second = r.engine!.migrations[1]!;
    expect(checkLines(r.engine!)[1]).toBe(`${second.id}: up pass, round-trip fail, re-apply fail`);
    const roundTrip = second.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.object}`)).toEqual([
      'added index users_email_lower_idx on public.users',
    ]);
    expect(second.checks.find((c) => c.check === 're-apply')!.error!.statement).toBe(statement);
    expect(second.sql.down).toEqual(['DROP TABLE posts']);
    expect(r.stdout).toContain(`${second.name} (${second.file})`);
    expect(r.stdout).toContain(
      'index users_email_lower_idx on public.users exists after down but not before up',
    );
  });
});

describe.each([
  {
    project: 'prisma-pg',
    migrations: ['20240105093000_init', '20240112140000_posts', '20240120080000_post_published'],
    reason: 'Prisma Migrate has no down migrations',
  },
  {
    project: 'drizzle-pg',
    migrations: ['0000_brave_users', '0001_quiet_posts', '0002_sharp_published'],
    reason: 'Drizzle Kit has no down migrations',
  },
])('$project through the CLI on postgres: no downs by design', ({ project, migrations, reason }) => {
  const UP_ONLY = 'up pass';

  it('passes with exit 0: every up applies on the previous state, and the missing downs are said once', async () => {
    const r = await sql(project, postgres);
    expect(r.code, r.stderr).toBe(0);
    expect(checkLines(r.engine!)).toEqual(migrations.map((m) => `${m}: ${UP_ONLY}`));
    for (const m of r.engine!.migrations) {
      expect(m.status, m.name).toBe('pass');
      expect(m.sql.up.length, m.name).toBeGreaterThan(0);
    }
    const note = `${reason}: each migration's up is checked on the previous state (with its hazards under --rows) and drift against the models; there is no down to round-trip or re-apply.`;
    expect(r.report!.notes).toEqual([note]);
    // Once in the terminal and once in the comment, never a warning per migration.
    expect(r.stdout.split(`Note: ${note}`)).toHaveLength(2);
    expect(r.stdout).not.toContain('irreversible');
    expect(r.markdown!.split(reason)).toHaveLength(2);
    expect(r.markdown).not.toMatch(/irreversible|warning|round-trip\b(?! or re-apply)/i);
    expect(r.markdown).toContain(
      `### ✅ schemagate: all 3 migrations apply on ${r.engine!.engine} ${r.engine!.version}\n`,
    );
  });

  it('checks drift against --models schema.sql', async () => {
    const r = await sql(project, postgres, ['--models', 'schema.sql']);
    expect(r.report!.tool).toBe('sql');
    expect(checkLines(r.engine!)).toEqual(migrations.map((m) => `${m}: ${UP_ONLY}`));
    const drift = r.engine!.drift!;
    if (project === 'prisma-pg') {
      expect(r.code, r.stderr).toBe(1);
      expect(drift).toMatchObject({ status: 'fail', source: 'schema.sql' });
      expect(drift.differences.map((d) => `${d.change} ${d.object}`)).toEqual([
        'added column public.Post.slug',
      ]);
    } else {
      expect(r.code, r.stderr).toBe(0);
      expect(drift).toMatchObject({ status: 'pass', source: 'schema.sql' });
    }
  });
});
