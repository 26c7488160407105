import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { ConfigError, MigrationError } from '../../src/errors.js';
import { createSqlFilesMigrator } from '../../src/migrators/sql-files.js';
import type { LocalEngine } from '../helpers/targets.js';
import { fixture, recordingLogger, testOptions, throwaway } from './helpers.js';

const created: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});
async function database(engine: LocalEngine) {
  const db = await throwaway(engine);
  created.push(db);
  return db;
}

async function pgRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}
async function mysqlRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = await mysql.createConnection(url);
  try {
    return (await c.query(sql))[0] as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}
const pgTables = async (url: string) =>
  (await pgRows(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map(
    (r) => r.tablename,
  );
const pgIndexes = async (url: string) =>
  (await pgRows(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")).map(
    (r) => r.indexname,
  );

describe('golang-migrate on Postgres', () => {
  it('lists migrations in numeric order and runs them up, down and up, recording each statement', async () => {
    const migrator = await createSqlFilesMigrator(
      testOptions(fixture('sql', 'golang-pg')),
      recordingLogger(),
    );
    const migrations = await migrator.list();
    expect(await migrator.layout()).toBe('golang-migrate');
    expect(migrations.map((m) => [m.id, m.file, m.reversible])).toEqual([
      ['001_users', 'migrations/001_users.up.sql', true],
      ['002_touch_trigger', 'migrations/002_touch_trigger.up.sql', true],
      ['010_posts', 'migrations/010_posts.up.sql', true],
    ]);

    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      const first = await session.up(migrations[0]!);
      expect(first.statements).toHaveLength(2);
      expect(first.statements[0]).toMatch(/^CREATE TABLE users \(/);
      expect(first.statements[0]).toContain("'it''s; fine'");
      expect(first.statements[1]).toBe('CREATE INDEX users_updated_at_idx ON users (updated_at)');

      const trigger = await session.up(migrations[1]!);
      expect(trigger.statements).toHaveLength(2);
      expect(trigger.statements[0]).toContain('RETURN NEW;\nEND;\n$fn$');
      await session.up(migrations[2]!);
      expect(await pgTables(db.url)).toEqual(['posts', 'users']);

      const down = await session.down(migrations[2]!);
      expect(down.statements).toEqual(['DROP TABLE posts']);
      await session.down(migrations[1]!);
      await session.down(migrations[0]!);
      expect(await pgTables(db.url)).toEqual([]);
      const functions = await pgRows(
        db.url,
        "SELECT proname FROM pg_proc WHERE proname = 'touch_updated_at'",
      );
      expect(functions).toEqual([]);

      for (const m of migrations) await session.up(m);
      expect(await pgTables(db.url)).toEqual(['posts', 'users']);
    } finally {
      await session.close();
    }
  });

  it('leaves an index behind when the down forgets it', async () => {
    const migrator = await createSqlFilesMigrator(
      testOptions(fixture('sql', 'golang-pg-forgets-index')),
      recordingLogger(),
    );
    const [users, posts] = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(users!);
      const before = await pgIndexes(db.url);
      await session.up(posts!);
      await session.down(posts!);
      const after = await pgIndexes(db.url);
      expect(after.filter((i) => !before.includes(i))).toEqual(['users_email_lower_idx']);
    } finally {
      await session.close();
    }
  });
});

describe('dbmate', () => {
  it('runs a MySQL trigger written without DELIMITER and a transaction:false section', async () => {
    const migrator = await createSqlFilesMigrator(
      testOptions(fixture('sql', 'dbmate-mysql')),
      recordingLogger(),
    );
    const migrations = await migrator.list();
    expect(await migrator.layout()).toBe('dbmate');
    expect(migrations.map((m) => [m.id, m.file])).toEqual([
      ['20240101120000_create_accounts', 'db/migrations/20240101120000_create_accounts.sql'],
      ['20240102090000_add_plan', 'db/migrations/20240102090000_add_plan.sql'],
    ]);
    const db = await database('mariadb');
    const session = await migrator.open(db);
    try {
      const up = await session.up(migrations[0]!);
      expect(up.statements).toHaveLength(2);
      expect(up.statements[1]).toMatch(/^CREATE TRIGGER accounts_slug[\s\S]*END IF;\nEND$/);
      const plan = await session.up(migrations[1]!);
      expect(plan.statements[1]).toBe("INSERT INTO accounts (name) VALUES ('Acme Corp; Ltd')");
      expect(await mysqlRows(db.url, 'SELECT name, slug, plan FROM accounts')).toEqual([
        { name: 'Acme Corp; Ltd', slug: 'acme-corp;-ltd', plan: 'free' },
      ]);
      await session.down(migrations[1]!);
      await session.down(migrations[0]!);
      expect(await mysqlRows(db.url, 'SHOW TABLES')).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('runs CREATE INDEX CONCURRENTLY outside a transaction and reports a failing statement with its line', async () => {
    const migrator = await createSqlFilesMigrator(
      testOptions(fixture('sql', 'dbmate-pg-concurrently')),
      recordingLogger(),
    );
    const [events, index, broken] = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(events!);
      await session.up(index!);
      expect(await pgIndexes(db.url)).toContain('events_kind_idx');
      await session.down(index!);
      expect(await pgIndexes(db.url)).not.toContain('events_kind_idx');

      const error = await session.up(broken!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      const failure = error as MigrationError;
      expect(failure.statement).toBe('ALTER TABLE events ADD COLUMN oops no_such_type');
      expect(failure.code).toBe('42704');
      expect(failure.message).toBe('type "no_such_type" does not exist (db/migrations/003_broken.sql:3)');
      // The whole migration ran in one transaction: the first statement was rolled back too.
      const columns = await pgRows(
        db.url,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY 1",
      );
      expect(columns.map((c) => c.column_name)).toEqual(['id', 'kind']);
    } finally {
      await session.close();
    }
  });
});

describe('Flyway', () => {
  it('orders versions numerically, honours DELIMITER and skips repeatable migrations with a warning', async () => {
    const log = recordingLogger();
    const migrator = await createSqlFilesMigrator(testOptions(fixture('sql', 'flyway-mysql')), log);
    const migrations = await migrator.list();
    expect(migrations.map((m) => m.id)).toEqual(['V1__create_items', 'V1_9__price_proc', 'V1.10__add_sku']);
    expect(log.lines).toContain('warn: flyway: not a migration, skipped: sql/R__refresh_view.sql');
    const db = await database('mariadb');
    const session = await migrator.open(db);
    try {
      await session.up(migrations[0]!);
      const proc = await session.up(migrations[1]!);
      expect(proc.statements).toHaveLength(1);
      expect(proc.statements[0]).toMatch(
        /^CREATE PROCEDURE raise_prices[\s\S]*SELECT COUNT\(\*\) FROM items;\nEND$/,
      );
      await session.up(migrations[2]!);
      const routines = await mysqlRows(
        db.url,
        `SELECT ROUTINE_NAME AS n FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '${db.name}'`,
      );
      expect(routines).toEqual([{ n: 'raise_prices' }]);
      for (const m of [...migrations].reverse()) await session.down(m);
      expect(await mysqlRows(db.url, 'SHOW TABLES')).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('marks a version without an undo file irreversible', async () => {
    const migrator = await createSqlFilesMigrator(
      testOptions(fixture('sql', 'flyway-pg-no-undo')),
      recordingLogger(),
    );
    const migrations = await migrator.list();
    expect(migrations.map((m) => [m.id, m.file, m.reversible, m.irreversibleDeclared])).toEqual([
      ['V1__tags', 'db/migration/V1__tags.sql', true, false],
      ['V2__backfill', 'db/migration/V2__backfill.sql', false, false],
    ]);
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(migrations[0]!);
      await session.up(migrations[1]!);
      await expect(session.down(migrations[1]!)).rejects.toThrow(
        'db/migration/V2__backfill.sql: has no down migration',
      );
    } finally {
      await session.close();
    }
  });
});

describe('configuration errors', () => {
  it('takes --migrations folders, and names the folder when it is missing or holds no migrations', async () => {
    const migrator = await createSqlFilesMigrator(
      testOptions(fixture('sql'), { migrations: [fixture('sql', 'golang-pg', 'migrations')] }),
      recordingLogger(),
    );
    await expect(migrator.list()).resolves.toHaveLength(3);
    const parent = await createSqlFilesMigrator(
      testOptions(fixture('sql'), { migrations: [fixture('sql', 'golang-pg')] }),
      recordingLogger(),
    );
    await expect(parent.list()).rejects.toThrow(/^no SQL migrations in golang-pg: expected NNN_name.up.sql/);
    const empty = await createSqlFilesMigrator(
      testOptions(fixture('sql'), { migrations: [fixture('sql', 'nope')] }),
      recordingLogger(),
    );
    const error = await empty.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'migrations folder nope does not exist: create it or pass --migrations DIR',
    );
  });
});
