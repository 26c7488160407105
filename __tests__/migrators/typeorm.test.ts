import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { ConfigError, MigrationError } from '../../src/errors.js';
import { createMigrator } from '../../src/migrators/index.js';
import { createTypeormMigrator } from '../../src/migrators/typeorm.js';
import { FIXTURES, fixture, recordingLogger, testOptions, throwaway } from './helpers.js';

const created: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});
// Projects made here live under the fixtures, so that they resolve the repository's typeorm.
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(FIXTURES, 'typeorm', 'tmp-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function tables(db: ThrowawayDatabase): Promise<string[]> {
  if (db.engine === 'postgres') {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      return r.rows.map((row: { tablename: string }) => row.tablename);
    } finally {
      await c.end();
    }
  }
  const c = await mysql.createConnection(db.url);
  try {
    const [rows] = await c.query(
      'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1',
      [db.name],
    );
    return (rows as { t: string }[]).map((r) => r.t);
  } finally {
    await c.end();
  }
}

const log = recordingLogger();

describe('TypeORM migrator: discovery', () => {
  it('lists the DataSource glob in timestamp order, and registers its migrationsTableName as bookkeeping', async () => {
    const chosen = await createMigrator(testOptions(fixture('typeorm', 'clean')), log);
    expect(chosen.tool).toBe('typeorm');
    expect(chosen.bookkeepingTables).toEqual(['typeorm_migrations']);
    expect((await chosen.migrator.list()).map((m) => [m.id, m.file, m.reversible])).toEqual([
      ['CreateUsers1700000000000', 'src/migrations/1700000000000-CreateUsers.ts', true],
      ['CreatePosts1700000100000', 'src/migrations/1700000100000-CreatePosts.ts', true],
      ['AddNickname1700000200000', 'src/migrations/1700000200000-AddNickname.ts', true],
    ]);
    const ormconfig = await createMigrator(testOptions(fixture('typeorm', 'forgot-index')), log);
    expect(ormconfig.bookkeepingTables).toEqual(['migrations']);
  });

  it('points a class the DataSource imports at the file that carries its timestamp', async () => {
    const dir = project({
      'data-source.ts': [
        "import { DataSource } from 'typeorm';",
        "import { Init1730000000000 } from './db/1730000000000-Init';",
        "export default new DataSource({ type: 'postgres', migrations: [Init1730000000000] });",
      ].join('\n'),
      'db/1730000000000-Init.ts':
        "export class Init1730000000000 { async up(q: any) { await q.query('CREATE TABLE t (id int)'); } async down(q: any) { await q.query('DROP TABLE t'); } }\n",
    });
    const migrator = await createTypeormMigrator({ cwd: dir, migrations: [], log });
    expect((await migrator.list()).map((m) => [m.id, m.file])).toEqual([
      ['Init1730000000000', 'db/1730000000000-Init.ts'],
    ]);
  });

  it('a DataSource that does not load stops the run, unless --migrations names the classes', async () => {
    // Definite-assignment fields with decorators: jiti's Babel refuses to transform them.
    const dir = project({
      'src/entity/user.ts':
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() email!: string;\n}\n",
      'src/data-source.ts':
        "import { DataSource } from 'typeorm';\nimport { User } from './entity/user';\nexport const AppDataSource = new DataSource({ type: 'postgres', entities: [User], migrations: ['src/migrations/*.ts'] });\n",
      'src/migrations/1750000000000-Init.ts':
        "export class Init1750000000000 { async up(q: any) { await q.query('CREATE TABLE t (id int)'); } async down(q: any) { await q.query('DROP TABLE t'); } }\n",
    });
    const failing = await createTypeormMigrator({ cwd: dir, migrations: [], log });
    const error = await failing.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^src\/entity\/user\.ts|^src\/data-source\.ts/);
    expect((error as ConfigError).hint).toContain('pass --migrations DIR');

    const warned = recordingLogger();
    const fallback = await createTypeormMigrator({
      cwd: dir,
      migrations: [path.join(dir, 'src', 'migrations')],
      log: warned,
    });
    expect((await fallback.list()).map((m) => m.id)).toEqual(['Init1750000000000']);
    expect(await fallback.tableName()).toBe('migrations');
    expect(warned.lines.filter((l) => l.startsWith('warn:'))).toEqual([
      expect.stringMatching(
        /cannot load the module: .*: using TypeORM's defaults \(table migrations, transaction mode all\)$/,
      ),
    ]);
  });

  it('refuses a class name without a timestamp, naming the file and the fix', async () => {
    const dir = project({
      'migrations/init.js': 'module.exports = class Init { async up() {} async down() {} };\n',
    });
    const migrator = await createTypeormMigrator({
      cwd: dir,
      migrations: [path.join(dir, 'migrations')],
      log,
    });
    const error = await migrator.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'migrations/init.js: migration Init has no timestamp at the end of its class name, which TypeORM needs to order it',
    );
    expect((error as ConfigError).hint).toMatch(/^rename the class to Init\d{13} /);
  });
});

describe.each(['postgres', 'mariadb'] as const)('TypeORM migrator on %s', (engine) => {
  it("runs up and down without writing TypeORM's migrations table; a failing up names its statement", async () => {
    const dir = project({
      'migrations/1740000000000-Broken.js': [
        'module.exports = class Broken1740000000000 {',
        "  async up(q) { await q.query('CREATE TABLE widgets (id int)'); await q.query('INSERT INTO nowhere VALUES (1)'); }",
        "  async down(q) { await q.query('DROP TABLE widgets'); }",
        '};',
      ].join('\n'),
      'migrations/1740000100000-Fine.js': [
        'module.exports = class Fine1740000100000 {',
        "  async up(q) { await q.query('CREATE TABLE gadgets (id int)'); }",
        "  async down(q) { await q.query('DROP TABLE gadgets'); }",
        '};',
      ].join('\n'),
    });
    const migrator = await createTypeormMigrator({
      cwd: dir,
      migrations: [path.join(dir, 'migrations')],
      log,
    });
    const [broken, fine] = await migrator.list();
    const db = await throwaway(engine);
    created.push(db);
    const session = await migrator.open(db);
    try {
      expect((await session.up(fine!)).statements).toEqual(['CREATE TABLE gadgets (id int)']);
      expect(await tables(db)).toEqual(['gadgets']);
      expect((await session.down(fine!)).statements).toEqual(['DROP TABLE gadgets']);
      const error = await session.up(broken!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).statement).toBe('INSERT INTO nowhere VALUES (1)');
      expect((error as MigrationError).executed).toEqual(['CREATE TABLE widgets (id int)']);
      expect((error as MigrationError).message).toMatch(/nowhere/);
    } finally {
      await session.close();
    }
    // Postgres rolled the failed step back; MariaDB's DDL commits as it goes.
    expect(await tables(db)).toEqual(db.engine === 'postgres' ? [] : ['widgets']);
  });
});
