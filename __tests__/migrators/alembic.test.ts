import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { ConfigError, MigrationError } from '../../src/errors.js';
import { createAlembicMigrator } from '../../src/migrators/alembic.js';
import type { LocalEngine } from '../helpers/targets.js';
import { barePython, fixture, recordingLogger, removeBarePython, testOptions, throwaway } from './helpers.js';

const created: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});
afterAll(removeBarePython);
async function database(engine: LocalEngine) {
  const db = await throwaway(engine);
  created.push(db);
  return db;
}

/** Tables and their columns, as the server reports them (bookkeeping included, so a test can see it). */
async function columns(db: ThrowawayDatabase): Promise<Record<string, string[]>> {
  let rows: { t: string; c: string }[];
  if (db.engine === 'postgres') {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    rows = (
      await c.query(
        "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, ordinal_position",
      )
    ).rows;
    await c.end();
  } else {
    const c = await mysql.createConnection(db.url);
    rows = (
      await c.query(
        `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '${db.name}' ORDER BY 1, ORDINAL_POSITION`,
      )
    )[0] as { t: string; c: string }[];
    await c.end();
  }
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    out[r.t] ??= [];
    out[r.t]!.push(r.c);
  }
  return out;
}

describe.each(['postgres', 'mariadb'] as const)('Alembic on %s', (engine) => {
  it("walks the revision graph, records each step's SQL and runs up, down and up", async () => {
    const log = recordingLogger();
    const migrator = await createAlembicMigrator(testOptions(fixture('alembic', 'clean')), log);
    const migrations = await migrator.list();
    expect(migrations.map((m) => [m.id, m.file, m.reversible])).toEqual([
      ['1a2b3c4d5e6f', 'migrations/versions/1a2b3c4d5e6f_create_users.py', true],
      ['2b3c4d5e6f7a', 'migrations/versions/2b3c4d5e6f7a_create_posts.py', true],
      ['3c4d5e6f7a8b', 'migrations/versions/3c4d5e6f7a8b_user_name_and_settings.py', true],
      ['4d5e6f7a8b9c', 'migrations/versions/4d5e6f7a8b9c_backfill_names.py', true],
    ]);
    expect(await migrator.findings?.()).toEqual([]);

    const db = await database(engine);
    const session = await migrator.open(db);
    try {
      const users = await session.up(migrations[0]!);
      // Offline SQL, without the version table, BEGIN/COMMIT or comments.
      expect(users.statements).toHaveLength(2);
      expect(users.statements[0]).toMatch(/^CREATE TABLE users \(/);
      expect(users.statements[1]).toBe('CREATE UNIQUE INDEX ix_users_email ON users (email)');
      await session.up(migrations[1]!);
      const settings = await session.up(migrations[2]!);
      expect(settings.statements.at(-1)).toMatch(
        /^INSERT INTO settings \(`?key`?, value\) VALUES \('theme', 'it''s dark'\)$/,
      );
      // The backfill reads rows, so it cannot run offline: the executed statements are shown.
      const backfill = await session.up(migrations[3]!);
      expect(backfill.statements).toEqual(['SELECT id, email FROM users']);
      expect(
        log.lines.some((l) => l.includes('4d5e6f7a8b9c_backfill_names.py: offline SQL unavailable')),
      ).toBe(true);

      const all = await columns(db);
      expect(all).toMatchObject({
        users: ['id', 'email', 'name'],
        posts: ['id', 'user_id', 'title', 'published'],
        settings: ['key', 'value'],
      });
      expect(Object.keys(all).sort()).toEqual(['alembic_version', 'posts', 'settings', 'users']);

      await session.down(migrations[3]!);
      const down = await session.down(migrations[2]!);
      expect(down.statements).toEqual(['DROP TABLE settings', 'ALTER TABLE users DROP COLUMN name']);
      await session.down(migrations[1]!);
      const first = await session.down(migrations[0]!);
      expect(first.statements).toEqual([
        `DROP INDEX ix_users_email${engine === 'postgres' ? '' : ' ON users'}`,
        'DROP TABLE users',
      ]);
      expect(Object.keys(await columns(db))).toEqual(['alembic_version']);

      for (const m of migrations) await session.up(m);
      expect(Object.keys(await columns(db)).sort()).toEqual([
        'alembic_version',
        'posts',
        'settings',
        'users',
      ]);
    } finally {
      await session.close();
    }
  });
});

describe('Alembic findings and broken projects', () => {
  it('reports two heads as an error finding', async () => {
    const migrator = await createAlembicMigrator(
      testOptions(fixture('alembic', 'two-heads')),
      recordingLogger(),
    );
    const findings = await migrator.findings!();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'multiple-heads', severity: 'error' });
    expect(findings[0]!.message).toBe(
      'Alembic has 2 heads (2b3c4d5e6f7a in migrations/versions/2b3c4d5e6f7a_create_posts.py, 7a8b9c0d1e2f in migrations/versions/7a8b9c0d1e2f_add_bio.py): merge them with "alembic merge heads"',
    );
  });

  it('marks a revision without downgrade() irreversible and one that raises as declared', async () => {
    const migrator = await createAlembicMigrator(
      testOptions(fixture('alembic', 'irreversible')),
      recordingLogger(),
    );
    const migrations = await migrator.list();
    expect(migrations.map((m) => [m.id, m.reversible, m.irreversibleDeclared])).toEqual([
      ['1a2b3c4d5e6f', true, false],
      ['5e6f7a8b9c0d', false, true],
      ['6f7a8b9c0d1e', false, false],
    ]);
  });

  it('leaves the index behind when a downgrade forgets it', async () => {
    const migrator = await createAlembicMigrator(
      testOptions(fixture('alembic', 'forgets-index')),
      recordingLogger(),
    );
    const [users, posts] = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(users!);
      await session.up(posts!);
      const down = await session.down(posts!);
      expect(down.statements).toEqual(['DROP TABLE posts']);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const indexes = (await c.query("SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1"))
        .rows;
      await c.end();
      expect(indexes.map((r) => r.indexname)).toEqual(['ix_users_email', 'ix_users_id_email', 'users_pkey']);
    } finally {
      await session.close();
    }
  });

  it('reports a failing revision as a MigrationError with the statement', async () => {
    const migrator = await createAlembicMigrator(testOptions(fixture('alembic', 'clean')), recordingLogger());
    const [users] = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(users!);
      const error = await session.up(users!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).message).toBe('relation "users" already exists');
      expect((error as MigrationError).code).toBe('42P07');
      expect((error as MigrationError).statement).toMatch(/^\s*CREATE TABLE users/);
    } finally {
      await session.close();
    }
  });

  it('works with an env.py that reads DATABASE_URL', async () => {
    const migrator = await createAlembicMigrator(
      testOptions(fixture('alembic', 'database-url')),
      recordingLogger(),
    );
    const migrations = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      for (const m of migrations) await session.up(m);
      expect(Object.keys(await columns(db)).sort()).toEqual(['alembic_version', 'posts', 'users']);
    } finally {
      await session.close();
    }
  });

  it('refuses an env.py that connects to another database', async () => {
    const migrator = await createAlembicMigrator(
      testOptions(fixture('alembic', 'wrong-database')),
      recordingLogger(),
    );
    const db = await database('postgres');
    const error = await migrator.open(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^env.py connected to database 'postgres' instead of the throwaway one: make env.py use/,
    );
  });

  it('names a broken env.py, a missing Alembic and a missing Python', async () => {
    const db = await database('postgres');
    const broken = await createAlembicMigrator(
      testOptions(fixture('alembic', 'broken-env')),
      recordingLogger(),
    );
    await expect(broken.list()).resolves.toHaveLength(4);
    await expect(broken.open(db)).rejects.toThrow(
      new ConfigError(
        "migrations/env.py failed: ModuleNotFoundError: No module named 'app.modelz' (imported by migrations/env.py:6)",
        { hint: 'app is app/__init__.py, which has no module modelz: fix the import' },
      ),
    );

    // A Python without alembic: Debian's python3 with `-S`, so that site-packages (and alembic) are not on its path.
    const bare = await createAlembicMigrator(
      testOptions(fixture('alembic', 'clean'), { python: await barePython() }),
      recordingLogger(),
    );
    const missing = await bare.list().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toBe(
      `alembic is not installed for ${await barePython()}: pip install alembic`,
    );
    const noPython = await createAlembicMigrator(
      testOptions(fixture('alembic', 'clean'), { python: '/nonexistent/python3' }),
      recordingLogger(),
    );
    await expect(noPython.list()).rejects.toThrow(
      new ConfigError('/nonexistent/python3 not found: pass --python /path/to/python'),
    );
  });

  it('names alembic.ini when it is missing', async () => {
    await expect(createAlembicMigrator(testOptions(fixture('sql')), recordingLogger())).rejects.toThrow(
      /^alembic.ini not found in .*fixtures\/sql: run schemagate in the folder that holds it/,
    );
  });
});
