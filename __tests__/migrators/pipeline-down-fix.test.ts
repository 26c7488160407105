/**
 * The fix for a bad down (src/checks/down-fix.ts) through the real pipeline, on the local Postgres
 * and MariaDB: for each kind of difference the DDL writer writes, the round trip's `fix` holds the
 * statements and is proven on a throwaway database; what the writer cannot express (column order)
 * is reported unproven with the reason; trying the fix changes nothing the re-apply check sees; a
 * down that fails on a dependent object gets the server's dependents as advice and a whole down in
 * an order that works; and the knex and Alembic code, pasted into the down, makes the round trip pass.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlembicMigrator } from '../../src/migrators/alembic.js';
import { createKnexMigrator } from '../../src/migrators/knex.js';
import { createSqlFilesMigrator } from '../../src/migrators/sql-files.js';
import type { CheckResult, MigrationReport, Report } from '../../src/report/model.js';
import { type LocalEngine, leftovers } from '../helpers/targets.js';
import { fixture, recordingLogger, testOptions } from './helpers.js';
import { runPipeline } from './pipeline-helpers.js';

/** A dbmate migration: [name, up, down]. A down of `SELECT 1` runs SQL but undoes nothing. */
type Step = [name: string, up: string, down: string];

async function dbmate(engine: LocalEngine, steps: Step[]): Promise<Report> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'sg-down-fix-'));
  const dir = path.join(cwd, 'db', 'migrations');
  await mkdir(dir, { recursive: true });
  steps.forEach(([name, up, down], i) => {
    const stamp = `202401010000${String(i).padStart(2, '0')}`;
    writeFileSync(
      path.join(dir, `${stamp}_${name}.sql`),
      `-- migrate:up\n${up}\n\n-- migrate:down\n${down}\n`,
    );
  });
  const options = testOptions(cwd);
  return runPipeline({ engine, options, migrator: await createSqlFilesMigrator(options, recordingLogger()) });
}

function migration(report: Report, name: string): MigrationReport {
  const found = report.engines[0]!.migrations.find((m) => m.name.endsWith(name));
  if (!found) throw new Error(`no migration ${name}`);
  return found;
}

function check(m: MigrationReport, name: CheckResult['check']): CheckResult {
  return m.checks.find((c) => c.check === name)!;
}

/** `name: proven|reason` per failing round trip, so a failure shows every scenario at once. */
function fixLines(report: Report, names: string[]): string[] {
  return names.map((n) => {
    const fix = check(migration(report, n), 'round-trip').fix;
    return `${n}: ${fix ? (fix.proven ? 'proven' : `unproven (${fix.reason})`) : 'no fix'}`;
  });
}

const NOOP = 'SELECT 1;';

const PG_BASE: Step = [
  'base',
  `CREATE TABLE users (id int PRIMARY KEY, name text, email text, nick text);
   CREATE TABLE posts (id int PRIMARY KEY, user_id int, bio text);
   CREATE TYPE mood AS ENUM ('happy', 'sad');`,
  'DROP TABLE posts; DROP TABLE users; DROP TYPE mood;',
];

/** One bad down per kind of object the Postgres DDL writer writes. */
const PG_KINDS: Step[] = [
  ['table_left', 'CREATE TABLE audit (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());', NOOP],
  ['column_left', 'ALTER TABLE users ADD COLUMN age int;', NOOP],
  [
    'type_not_restored',
    'ALTER TABLE users ALTER COLUMN name TYPE varchar(100);',
    'ALTER TABLE users ALTER COLUMN name TYPE varchar(50);',
  ],
  ['default_left', "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'none';", NOOP],
  ['not_null_left', 'ALTER TABLE users ALTER COLUMN nick SET NOT NULL;', NOOP],
  ['index_left', 'CREATE INDEX users_name_idx ON users (lower(name));', NOOP],
  ['check_left', 'ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);', NOOP],
  [
    'foreign_key_left',
    'ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
    NOOP,
  ],
  ['view_left', 'CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL;', NOOP],
  ['function_left', "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42';", NOOP],
  [
    'trigger_left',
    `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
     CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();`,
    NOOP,
  ],
  ['sequence_left', 'CREATE SEQUENCE invoice_numbers START 1000;', NOOP],
  ['enum_left', "CREATE TYPE color AS ENUM ('red', 'green');", NOOP],
  ['enum_label_left', "ALTER TYPE mood ADD VALUE 'meh';", NOOP],
  ['schema_left', 'CREATE SCHEMA reporting;', NOOP],
  [
    'policy_left',
    'ALTER TABLE users ENABLE ROW LEVEL SECURITY; CREATE POLICY own ON users USING (id > 0);',
    NOOP,
  ],
  ['comment_left', "COMMENT ON TABLE users IS 'people';", NOOP],
  [
    'dropped_too_much',
    'ALTER TABLE posts ADD COLUMN title text;',
    'ALTER TABLE posts DROP COLUMN title; ALTER TABLE posts DROP COLUMN bio;',
  ],
];

const MARIADB_BASE: Step = [
  'base',
  `CREATE TABLE users (id int PRIMARY KEY, name varchar(50), email varchar(100), nick varchar(20));
   CREATE TABLE posts (id int PRIMARY KEY, user_id int, bio text);`,
  'DROP TABLE posts; DROP TABLE users;',
];

/** One bad down per kind of object the MySQL/MariaDB DDL writer writes. */
const MARIADB_KINDS: Step[] = [
  [
    'table_left',
    'CREATE TABLE audit (id int PRIMARY KEY, at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP);',
    NOOP,
  ],
  ['column_left', 'ALTER TABLE users ADD COLUMN age int;', NOOP],
  [
    'type_not_restored',
    'ALTER TABLE users MODIFY name varchar(100);',
    'ALTER TABLE users MODIFY name varchar(60);',
  ],
  ['default_left', "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'none';", NOOP],
  ['not_null_left', 'ALTER TABLE users MODIFY nick varchar(20) NOT NULL;', NOOP],
  ['index_left', 'CREATE INDEX users_name_idx ON users (name);', NOOP],
  ['check_left', 'ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);', NOOP],
  [
    'foreign_key_left',
    'ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
    NOOP,
  ],
  ['view_left', 'CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL;', NOOP],
  ['function_left', 'CREATE FUNCTION answer() RETURNS int DETERMINISTIC RETURN 42;', NOOP],
  [
    'trigger_left',
    'CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW SET NEW.nick = NEW.nick;',
    NOOP,
  ],
  ['sequence_left', 'CREATE SEQUENCE invoice_numbers START WITH 1000;', NOOP],
  ['comment_left', "ALTER TABLE users COMMENT = 'people';", NOOP],
  [
    'dropped_too_much',
    'ALTER TABLE posts ADD COLUMN title text;',
    'ALTER TABLE posts DROP COLUMN title, DROP COLUMN bio;',
  ],
];

/** Column order: the down re-adds a dropped column at the end. No writer moves a column. */
function order(type: string): Step {
  return [
    'column_moved',
    'ALTER TABLE users DROP COLUMN email;',
    `ALTER TABLE users ADD COLUMN email ${type};`,
  ];
}

describe.each([
  { engine: 'postgres' as const, base: PG_BASE, kinds: PG_KINDS, ORDER: order('text') },
  { engine: 'mariadb' as const, base: MARIADB_BASE, kinds: MARIADB_KINDS, ORDER: order('varchar(100)') },
])('the fix for a bad down on $engine', ({ engine, base, kinds, ORDER }) => {
  afterEach(async () => {
    // The scratch databases MySQL/MariaDB proofs run on are dropped like every other.
    expect(await leftovers(engine)).toEqual([]);
  });

  it('writes and proves a fix for each kind of difference, without changing what the re-apply sees', async () => {
    const report = await dbmate(engine, [base, ...kinds, ORDER]);
    const names = kinds.map(([n]) => n);
    expect(fixLines(report, names)).toEqual(names.map((n) => `${n}: proven`));
    for (const name of names) {
      const m = migration(report, name);
      const fix = check(m, 'round-trip').fix!;
      expect(check(m, 'round-trip').status).toBe('fail');
      expect([name, fix.placement]).toEqual([name, 'append']);
      expect(fix.sql.length).toBeGreaterThan(0);
      expect(fix.code ?? null).toBeNull(); // plain SQL files: no code form
    }
    // The table the down left behind is still there for the second up, which fails on it: the
    // proof did not leave the fixed state behind.
    const reapply = check(migration(report, 'table_left'), 're-apply');
    expect(reapply.status).toBe('fail');
    expect(reapply.message).toMatch(/already exists/i);
    // The fixes say what they do.
    expect(check(migration(report, 'table_left'), 'round-trip').fix!.sql.join('\n')).toMatch(
      /DROP TABLE .*audit/i,
    );
    expect(check(migration(report, 'dropped_too_much'), 'round-trip').fix!.sql.join('\n')).toMatch(
      /ADD COLUMN .*bio/i,
    );
  });

  it('marks a column-order difference unproven, and says the writer cannot express it', async () => {
    const report = await dbmate(engine, [base, ORDER]);
    const roundTrip = check(migration(report, 'column_moved'), 'round-trip');
    expect(roundTrip.status).toBe('warn');
    expect(roundTrip.fix).toMatchObject({ placement: 'append', sql: [], proven: false });
    expect(roundTrip.fix!.reason).toMatch(
      /the DDL writer has no statement for this: column .*email is at position/,
    );
  });
});

describe('a down that fails on a dependent object (Postgres)', () => {
  afterEach(async () => {
    expect(await leftovers('postgres')).toEqual([]);
  });

  it("names the dependents from the server's DETAIL and proves a down in an order that works", async () => {
    const report = await dbmate('postgres', [
      PG_BASE,
      [
        'teams',
        'CREATE TABLE teams (id int PRIMARY KEY); ALTER TABLE users ADD COLUMN team_id int CONSTRAINT users_team_fk REFERENCES teams (id);',
        'DROP TABLE teams; ALTER TABLE users DROP COLUMN team_id;',
      ],
    ]);
    const roundTrip = check(migration(report, 'teams'), 'round-trip');
    expect(roundTrip.status).toBe('fail');
    expect(roundTrip.error!.detail).toMatch(/users_team_fk/);
    const fix = roundTrip.fix!;
    expect(fix.advice).toBe(
      'drop (or alter) what depends on it before `DROP TABLE teams`: constraint users_team_fk on table users. ' +
        'Reorder the down so that dependents go first; CASCADE would also drop objects the down may not mean to.',
    );
    expect(fix).toMatchObject({ placement: 'replace', proven: true });
    const at = (pattern: RegExp) => fix.sql.findIndex((s) => pattern.test(s));
    expect(at(/DROP TABLE .*teams/)).toBeGreaterThan(-1);
    // The constraint (or the column holding it) goes before the table it references.
    expect(
      Math.min(...[at(/DROP CONSTRAINT .*users_team_fk/), at(/DROP COLUMN .*team_id/)].filter((i) => i >= 0)),
    ).toBeLessThan(at(/DROP TABLE .*teams/));
  });
});

describe('a fix the server refuses (Postgres)', () => {
  afterEach(async () => {
    expect(await leftovers('postgres')).toEqual([]);
  });

  it('is tried on the rows the down left, and reported unproven with the server error', async () => {
    const report = await dbmate('postgres', [
      [
        'base',
        "CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL); INSERT INTO posts VALUES (1, 'a');",
        'DROP TABLE posts;',
      ],
      [
        'drops_required',
        'ALTER TABLE posts ADD COLUMN x int;',
        'ALTER TABLE posts DROP COLUMN x, DROP COLUMN title;',
      ],
    ]);
    const fix = check(migration(report, 'drops_required'), 'round-trip').fix!;
    expect(fix.sql).toEqual(['ALTER TABLE public.posts ADD COLUMN title text NOT NULL']);
    expect(fix.proven).toBe(false);
    expect(fix.reason).toMatch(
      /^the server refused `ALTER TABLE public\.posts ADD COLUMN title text NOT NULL`: .*contains null values/,
    );
  });
});

describe('a down that fails on a referenced table (MariaDB)', () => {
  afterEach(async () => {
    expect(await leftovers('mariadb')).toEqual([]);
  });

  it('proves a whole down in an order that works on a scratch database', async () => {
    const report = await dbmate('mariadb', [
      MARIADB_BASE,
      [
        'teams',
        'CREATE TABLE teams (id int PRIMARY KEY); ALTER TABLE users ADD COLUMN team_id int, ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);',
        'DROP TABLE teams; ALTER TABLE users DROP FOREIGN KEY users_team_fk, DROP COLUMN team_id;',
      ],
    ]);
    const roundTrip = check(migration(report, 'teams'), 'round-trip');
    expect(roundTrip.status).toBe('fail');
    expect(roundTrip.error!.statement).toMatch(/DROP TABLE teams/);
    const fix = roundTrip.fix!;
    expect(fix).toMatchObject({ placement: 'replace', proven: true });
    const at = (pattern: RegExp) => fix.sql.findIndex((s) => pattern.test(s));
    expect(at(/DROP FOREIGN KEY .*users_team_fk/)).toBeGreaterThan(-1);
    expect(at(/DROP FOREIGN KEY .*users_team_fk/)).toBeLessThan(at(/DROP TABLE .*teams/));
  });
});

describe('the code forms, pasted into the down', () => {
  afterEach(async () => {
    expect(await leftovers('postgres')).toEqual([]);
  });

  it('knex: the fix as knex.schema code makes the round trip pass', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sg-knex-fix-'));
    cpSync(fixture('knex-neutral', 'forgot-index'), cwd, { recursive: true });
    const run = async (cwd: string) => {
      const options = testOptions(cwd, { tool: 'knex' });
      const migrator = await createKnexMigrator({ cwd, migrations: [], log: recordingLogger() });
      return runPipeline({ engine: 'postgres', options, migrator });
    };
    const first = await run(cwd);
    const fix = check(migration(first, 'add_nickname_and_lookup'), 'round-trip').fix!;
    expect(fix.proven).toBe(true);
    expect(fix.code!.knex).toBe('  await knex.schema.raw(`DROP INDEX public.users_name_lookup_idx`);');
    // Paste it at the end of the down, which becomes async to await what it already did.
    const source = readFileSync(
      path.join(cwd, 'migrations', '002_add_nickname_and_lookup.js'),
      'utf8',
    ).replace(
      /exports\.down = \(knex\) =>\n([\s\S]*);\n$/,
      (_, body: string) =>
        `exports.down = async (knex) => {\n  await ${body.trim()};\n${fix.code!.knex}\n};\n`,
    );
    expect(source).toContain('knex.schema.raw');
    // A fresh copy: Node keeps a required migration by its path, and would run the old down.
    const fixed = mkdtempSync(path.join(tmpdir(), 'sg-knex-fixed-'));
    cpSync(cwd, fixed, { recursive: true });
    writeFileSync(path.join(fixed, 'migrations', '002_add_nickname_and_lookup.js'), source);
    const second = await run(fixed);
    const roundTrip = check(migration(second, 'add_nickname_and_lookup'), 'round-trip');
    expect(roundTrip.status).toBe('pass');
    expect(roundTrip.fix).toBeUndefined();
    expect(second.status).toBe('pass');
  });

  it('Alembic: the fix as op.execute code makes the round trip pass', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sg-alembic-fix-'));
    cpSync(fixture('alembic', 'forgets-index'), cwd, { recursive: true });
    const file = path.join(cwd, 'migrations', 'versions', '2b3c4d5e6f7a_create_posts.py');
    const run = async () => {
      const options = testOptions(cwd);
      return runPipeline({
        engine: 'postgres',
        options,
        migrator: await createAlembicMigrator(options, recordingLogger()),
      });
    };
    const first = await run();
    const fix = check(migration(first, 'create_posts'), 'round-trip').fix!;
    expect(fix.proven).toBe(true);
    expect(fix.code).toEqual({ alembic: '    op.execute("DROP INDEX public.ix_users_id_email")' });
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${fix.code!.alembic}\n`);
    const second = await run();
    expect(check(migration(second, 'create_posts'), 'round-trip').status).toBe('pass');
    expect(second.status).toBe('pass');
  });
});
