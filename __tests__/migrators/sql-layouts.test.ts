/**
 * The goose, pop, Prisma and Drizzle layout readers, without a database: how each file is cut into
 * sections and statements, in which order, and which file each engine runs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { drizzleSection } from '../../src/migrators/sql/layouts/drizzle.js';
import { parseGoose } from '../../src/migrators/sql/layouts/goose.js';
import { readSqlMigrations } from '../../src/migrators/sql/layouts.js';
import { splitSection, splitSqlText } from '../../src/migrators/sql/split.js';
import type { LocalEngine } from '../helpers/targets.js';
import { fixture } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sgtest-layouts-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}
const read = (cwd: string, folder: string, engines: LocalEngine[] = ['postgres']) =>
  readSqlMigrations([path.join(cwd, folder)], cwd, engines);

describe('goose', () => {
  it('cuts the Up and Down sections; a StatementBegin/End block stays one statement', () => {
    const text = [
      '-- +goose Up',
      '-- +goose StatementBegin',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$',
      'BEGIN',
      '  RETURN 1;',
      'END;',
      '$$;',
      '-- +goose StatementEnd',
      'CREATE TABLE t (id int);',
      '-- +goose Down',
      'DROP TABLE t;',
      'DROP FUNCTION f();',
    ].join('\n');
    const { up, down } = parseGoose(text, 'migrations/001_f.sql');
    expect(up).toMatchObject({ line: 2, file: 'migrations/001_f.sql', transaction: true });
    expect(splitSqlText(up.text, 'postgres')).toEqual([
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$',
      'CREATE TABLE t (id int)',
    ]);
    expect(down!.line).toBe(11);
    expect(splitSqlText(down!.text, 'postgres')).toEqual(['DROP TABLE t', 'DROP FUNCTION f()']);
  });

  it('keeps a MySQL procedure in a StatementBegin block whole, and NO TRANSACTION applies to both sections', () => {
    const text = [
      '-- +goose NO TRANSACTION',
      '-- +goose Up',
      '-- +goose StatementBegin',
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  SELECT 1;',
      '  SELECT 2;',
      'END;',
      '-- +goose StatementEnd',
      '-- +goose Down',
      'DROP PROCEDURE p;',
    ].join('\n');
    const { up, down } = parseGoose(text, 'f.sql');
    expect(splitSqlText(up.text, 'mariadb')).toEqual([
      'CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND',
    ]);
    expect([up.transaction, down!.transaction]).toEqual([false, false]);
  });

  it('sends a StatementBegin/End block whole, as goose does, whatever the splitter would make of it', () => {
    // A plpgsql body with semicolons, and a second statement goose sends in the same Exec.
    const text = [
      '-- +goose Up',
      'CREATE TABLE t (id int);',
      '-- +goose StatementBegin',
      '-- the trigger function',
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$',
      'BEGIN',
      '  NEW.id := NEW.id + 1;',
      '  RETURN NEW;',
      'END;',
      '$$;',
      "COMMENT ON FUNCTION f() IS 'bumps; ids';",
      '-- +goose StatementEnd',
      'CREATE TABLE u (id int);',
      '-- +goose Down',
      'DROP TABLE u; DROP FUNCTION f(); DROP TABLE t;',
    ].join('\n');
    const { up, down } = parseGoose(text, 'migrations/002_f.sql');
    expect(up.blocks).toEqual([{ from: 4, to: 11 }]);
    expect(splitSection(up, 'postgres')).toEqual([
      { sql: 'CREATE TABLE t (id int)', line: 1 },
      {
        sql: "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.id := NEW.id + 1;\n  RETURN NEW;\nEND;\n$$;\nCOMMENT ON FUNCTION f() IS 'bumps; ids'",
        line: 4,
      },
      { sql: 'CREATE TABLE u (id int)', line: 12 },
    ]);
    // Outside a block, the same text would be two statements.
    expect(splitSqlText(up.text, 'postgres')).toHaveLength(4);
    expect(down!.blocks).toBeUndefined();
    expect(splitSection(down!, 'postgres').map((s) => s.sql)).toEqual([
      'DROP TABLE u',
      'DROP FUNCTION f()',
      'DROP TABLE t',
    ]);
  });

  it('refuses an unclosed StatementBegin, a stray StatementEnd and a second Up, naming the line', () => {
    expect(() => parseGoose('-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n', 'a.sql')).toThrow(
      'a.sql:2: "-- +goose StatementBegin" has no matching StatementEnd',
    );
    expect(() => parseGoose('-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n', 'a.sql')).toThrow(
      'a.sql:3: "-- +goose StatementEnd" without a StatementBegin',
    );
    expect(() => parseGoose('-- +goose Up\n-- +goose Up\n', 'a.sql')).toThrow(ConfigError);
  });

  it('reads the fixture folder in version order, a file without a Down has none', async () => {
    const { layout, migrations } = await read(fixture('sql', 'goose-pg'), 'migrations');
    expect(layout).toBe('goose');
    expect(migrations.map((m) => [m.id, m.up.file, m.up.transaction])).toEqual([
      ['00001_users', 'migrations/00001_users.sql', true],
      ['00002_posts', 'migrations/00002_posts.sql', true],
      ['20240310120000_posts_title_search', 'migrations/20240310120000_posts_title_search.sql', false],
    ]);
    const cwd = await project({ 'migrations/001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n' });
    expect((await read(cwd, 'migrations')).migrations[0]!.down).toBeNull();
  });
});

describe('pop / fizz', () => {
  it('recognises generic files as pop by a generic .autocommit file or by database.yml, else golang-migrate', async () => {
    const generic = {
      'migrations/20200101000000_users.up.sql': 'CREATE TABLE users (id int);',
      'migrations/20200101000000_users.down.sql': 'DROP TABLE users;',
      'migrations/20200102000000_users_id.autocommit.up.sql':
        'CREATE INDEX CONCURRENTLY users_id ON users (id);',
      'migrations/20200102000000_users_id.autocommit.down.sql': 'DROP INDEX CONCURRENTLY users_id;',
    };
    const { layout, migrations } = await read(await project(generic), 'migrations', ['postgres', 'mariadb']);
    expect(layout).toBe('pop');
    expect(migrations.map((m) => m.id)).toEqual(['20200101000000_users', '20200102000000_users_id']);
    const index = migrations[1]!;
    // The generic .autocommit files serve every engine, outside a transaction both ways.
    for (const engine of ['postgres', 'mariadb'] as const) {
      const files = index.perEngine![engine]!;
      expect([files.up!.file, files.up!.transaction, files.down!.file, files.down!.transaction]).toEqual([
        'migrations/20200102000000_users_id.autocommit.up.sql',
        false,
        'migrations/20200102000000_users_id.autocommit.down.sql',
        false,
      ]);
    }
    expect(migrations[0]!.perEngine!.postgres!.up!.transaction).toBe(true);

    const plain = {
      'migrations/20200101000000_users.up.sql': 'CREATE TABLE users (id int);',
      'migrations/20200101000000_users.down.sql': 'DROP TABLE users;',
    };
    expect((await read(await project(plain), 'migrations')).layout).toBe('golang-migrate');
    const popConfig = 'development:\n  dialect: postgres\n  database: app\n';
    expect((await read(await project({ ...plain, 'database.yml': popConfig }), 'migrations')).layout).toBe(
      'pop',
    );
    expect(
      (await read(await project({ ...plain, 'config/database.yml': popConfig }), 'migrations')).layout,
    ).toBe('pop');
    // Rails' database.yml is not pop's.
    const rails = { ...plain, 'config/database.yml': 'development:\n  adapter: postgresql\n' };
    expect((await read(await project(rails), 'migrations')).layout).toBe('golang-migrate');
  });

  it("runs the engine's dialect file, else the generic one, and leaves out a migration with neither", async () => {
    const cwd = fixture('sql', 'pop-pg');
    const { layout, migrations } = await read(cwd, 'migrations', ['postgres', 'mariadb']);
    expect(layout).toBe('pop');
    expect(migrations.map((m) => m.id)).toEqual([
      '20240101000000_users',
      '20240102000000_posts',
      '20240103000000_posts_title',
    ]);
    const files = (engine: LocalEngine) =>
      migrations.map((m) => [m.perEngine![engine]!.up!.file, m.perEngine![engine]!.down!.file]);
    expect(files('postgres')).toEqual([
      [
        'migrations/20240101000000_users.postgres.up.sql',
        'migrations/20240101000000_users.postgres.down.sql',
      ],
      ['migrations/20240102000000_posts.up.sql', 'migrations/20240102000000_posts.down.sql'],
      [
        'migrations/20240103000000_posts_title.postgres.autocommit.up.sql',
        'migrations/20240103000000_posts_title.postgres.autocommit.down.sql',
      ],
    ]);
    expect(files('mariadb')).toEqual([
      ['migrations/20240101000000_users.mysql.up.sql', 'migrations/20240101000000_users.mysql.down.sql'],
      ['migrations/20240102000000_posts.up.sql', 'migrations/20240102000000_posts.down.sql'],
      [
        'migrations/20240103000000_posts_title.mysql.up.sql',
        'migrations/20240103000000_posts_title.mysql.down.sql',
      ],
    ]);
    // .autocommit runs outside a transaction; the rest inside one.
    expect(migrations[2]!.perEngine!.postgres!.up!.transaction).toBe(false);
    expect(migrations[2]!.perEngine!.mariadb!.up!.transaction).toBe(true);
  });

  it('a version several dialects share is one migration, not "two migrations share version" (ory/kratos)', async () => {
    const cwd = await project({
      'sql/20191100000001000000_identities.postgres.up.sql': 'CREATE TABLE identities (id uuid);',
      'sql/20191100000001000000_identities.mysql.up.sql': 'CREATE TABLE identities (id char(36));',
      'sql/20191100000001000000_identities.mysql.down.sql': 'DROP TABLE identities;',
      'sql/20191100000001000000_identities.sqlite3.up.sql': 'CREATE TABLE identities (id TEXT);',
      'sql/20191100000001000001_identities.sqlite3.down.sql': 'DROP TABLE identities;',
    });
    const pg = await read(cwd, 'sql', ['postgres']);
    expect(pg.migrations.map((m) => [m.id, m.up.file, m.down])).toEqual([
      ['20191100000001000000_identities', 'sql/20191100000001000000_identities.postgres.up.sql', null],
    ]);
    const my = await read(cwd, 'sql', ['mariadb']);
    expect(my.migrations[0]!.down!.file).toBe('sql/20191100000001000000_identities.mysql.down.sql');
  });
});

describe('Prisma Migrate', () => {
  it('reads <timestamp>_<name>/migration.sql in order, each declared irreversible', async () => {
    const cwd = fixture('sql', 'prisma-pg');
    const { layout, migrations } = await read(cwd, 'prisma/migrations');
    expect(layout).toBe('prisma');
    expect(migrations.map((m) => [m.id, m.up.file, m.down, m.irreversible])).toEqual(
      ['20240105093000_init', '20240112140000_posts', '20240120080000_post_published'].map((id) => [
        id,
        `prisma/migrations/${id}/migration.sql`,
        null,
        { reason: 'Prisma Migrate has no down migrations' },
      ]),
    );
  });

  it("refuses an engine of another family than migration_lock.toml's provider, as Prisma does", async () => {
    const cwd = await project({
      'prisma/migrations/migration_lock.toml': 'provider = "mysql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE a (id int);',
    });
    expect((await read(cwd, 'prisma/migrations', ['mariadb'])).migrations).toHaveLength(1);
    await expect(read(cwd, 'prisma/migrations', ['mariadb', 'postgres'])).rejects.toThrow(
      'prisma/migrations/migration_lock.toml says provider = "mysql", but this run checks Postgres: the migrations are written for mysql; pass an --engine of that family',
    );
  });
});

describe('Drizzle Kit', () => {
  it('cuts statements at --> statement-breakpoint, on its own line or after a semicolon, for MySQL too', () => {
    const text =
      'CREATE TABLE a (id int);--> statement-breakpoint\nCREATE TABLE b (id int)\n--> statement-breakpoint\nCREATE INDEX b_id ON b (id);';
    const section = drizzleSection(text, 'drizzle/0000_x.sql');
    const expected = ['CREATE TABLE a (id int)', 'CREATE TABLE b (id int)', 'CREATE INDEX b_id ON b (id)'];
    expect(splitSqlText(section.text, 'postgres')).toEqual(expected);
    expect(splitSqlText(section.text, 'mariadb')).toEqual(expected);
    expect(section.text.split('\n')).toHaveLength(text.split('\n').length);
  });

  it("follows meta/_journal.json's order, skips files it does not name, and declares each irreversible", async () => {
    const cwd = await project({
      'drizzle/0000_b.sql': 'CREATE TABLE b (id int);',
      'drizzle/0001_a.sql': 'CREATE TABLE a (id int);',
      'drizzle/notes.sql': '-- scratch',
      'drizzle/meta/_journal.json': JSON.stringify({
        entries: [
          { idx: 1, tag: '0001_a' },
          { idx: 0, tag: '0000_b' },
        ],
      }),
    });
    const { layout, migrations, skipped } = await read(cwd, 'drizzle');
    expect(layout).toBe('drizzle');
    expect(migrations.map((m) => [m.id, m.irreversible!.reason])).toEqual([
      ['0000_b', 'Drizzle Kit has no down migrations'],
      ['0001_a', 'Drizzle Kit has no down migrations'],
    ]);
    expect(skipped).toEqual(['drizzle/notes.sql']);
  });

  it('names a journal entry whose file is missing', async () => {
    const cwd = await project({
      'drizzle/0000_a.sql': 'SELECT 1;',
      'drizzle/meta/_journal.json': JSON.stringify({
        entries: [
          { idx: 0, tag: '0000_a' },
          { idx: 1, tag: '0001_b' },
        ],
      }),
    });
    await expect(read(cwd, 'drizzle')).rejects.toThrow(
      'drizzle/meta/_journal.json names 0001_b, but drizzle/0001_b.sql does not exist',
    );
  });
});
