/**
 * node-pg-migrate and Sequelize without a database: detection from a project's files, where each
 * tool's settings put the migrations, the order and reversibility it lists them with, and the one-line
 * errors before any database is touched (a missing package, node-pg-migrate asked for MariaDB).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { detectTool } from '../../src/migrators/detect.js';
import { createMigrator } from '../../src/migrators/index.js';
import { createNodePgMigrateMigrator } from '../../src/migrators/node-pg-migrate.js';
import { createSequelizeMigrator } from '../../src/migrators/sequelize.js';
import { ROOT } from '../helpers/cli.js';
import { fixture, recordingLogger, testOptions } from './helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project outside the repository (no node_modules on the way up) with these files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sgtest-node-tools-'));
  made.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const pkg = (extra: object) => JSON.stringify({ private: true, ...extra });
const log = recordingLogger();

describe('detecting node-pg-migrate and Sequelize', () => {
  it('recognises the fixture projects', async () => {
    expect(await detectTool(fixture('node-pg-migrate', 'clean'))).toBe('node-pg-migrate');
    expect(await detectTool(fixture('node-pg-migrate', 'forgot-column'))).toBe('node-pg-migrate');
    expect(await detectTool(fixture('sequelize', 'clean'))).toBe('sequelize');
    expect(await detectTool(fixture('sequelize', 'forgot-column'))).toBe('sequelize');
  });

  it('needs the dependency and the folder the tool reads; a knexfile or alembic.ini still wins', async () => {
    const npm = pkg({ devDependencies: { 'node-pg-migrate': '^9' } });
    expect(await detectTool(project({ 'package.json': npm, 'migrations/1_a.js': '' }))).toBe(
      'node-pg-migrate',
    );
    expect(await detectTool(project({ 'package.json': npm, 'migrations/1_a.sql': '' }))).toBe(
      'node-pg-migrate',
    );
    // The dependency alone is not a project of migrations.
    expect(await detectTool(project({ 'package.json': npm }))).toBeNull();
    expect(
      await detectTool(
        project({
          'package.json': pkg({
            devDependencies: { 'node-pg-migrate': '^9' },
            scripts: { m: 'node-pg-migrate -m db/mig' },
          }),
          'db/mig/1_a.ts': '',
        }),
      ),
    ).toBe('node-pg-migrate');
    expect(await detectTool(project({ '.sequelizerc': 'module.exports = {}' }))).toBe('sequelize');
    expect(
      await detectTool(
        project({ 'package.json': pkg({ dependencies: { sequelize: '^6' } }), 'migrations/2024-a.js': '' }),
      ),
    ).toBe('sequelize');
    expect(
      await detectTool(project({ 'package.json': npm, 'migrations/1_a.js': '', 'knexfile.js': '' })),
    ).toBe('knex');
    expect(await detectTool(project({ '.sequelizerc': '', 'alembic.ini': '' }))).toBe('alembic');
    // A tool's own files beat a folder of SQL files kept for other reasons.
    expect(await detectTool(project({ '.sequelizerc': '', 'db/migrations/1.sql': '' }))).toBe('sequelize');
  });
});

describe('node-pg-migrate: listing', () => {
  it("lists in node-pg-migrate's order from the npm script's --migrations-dir, with inferred and declared downs", async () => {
    const m = await createNodePgMigrateMigrator({
      cwd: fixture('node-pg-migrate', 'clean'),
      migrations: [],
      engines: [],
      log,
    });
    expect(m.settings.table).toBe('pgmigrations');
    expect((await m.list()).map((x) => [x.id, x.file, x.reversible, x.irreversibleDeclared ?? null])).toEqual(
      [
        ['1700000000000_create-users', 'db/migrations/1700000000000_create-users.js', true, null],
        ['1700000000100_create-posts', 'db/migrations/1700000000100_create-posts.js', true, null],
        ['1700000000200_archive-status', 'db/migrations/1700000000200_archive-status.js', false, true],
        ['1700000000300_user-names', 'db/migrations/1700000000300_user-names.js', true, null],
      ],
    );
    const forgot = await createNodePgMigrateMigrator({
      cwd: fixture('node-pg-migrate', 'forgot-column'),
      migrations: [],
      engines: [],
      log,
    });
    // pgm.sql cannot be reversed: no down can be inferred, and nothing declares it.
    expect((await forgot.list())[2]).toMatchObject({
      id: '1700000000200_backfill-logins',
      reversible: false,
      irreversibleDeclared: false,
      irreversibleHint: 'add exports.down, or declare it irreversible with exports.down = false',
    });
  });

  it('orders by the number a name starts with, not by text, and reads --migrations-table from a config file', async () => {
    const dir = project({
      'package.json': pkg({ scripts: { migrate: 'node-pg-migrate up --config-file pgm.json' } }),
      'pgm.json': JSON.stringify({ db: { 'migrations-dir': 'sql', 'migrations-table': 'schema_history' } }),
      'sql/10_b.sql': '-- Up Migration\nCREATE TABLE b (id int);\n-- Down Migration\nDROP TABLE b;\n',
      'sql/9_a.sql': 'CREATE TABLE a (id int);\n',
      'sql/.hidden.js': '',
    });
    const m = await createNodePgMigrateMigrator({ cwd: dir, migrations: [], engines: [], log });
    expect(m.settings.table).toBe('schema_history');
    // The migrations live outside the repository: the list needs the package, not installed there.
    await expect(m.list()).rejects.toThrow(
      `node-pg-migrate is not installed in ${dir}: schemagate runs the project's own node-pg-migrate; run npm install node-pg-migrate there`,
    );
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const installed = await createNodePgMigrateMigrator({ cwd: dir, migrations: [], engines: [], log });
    // A .sql file without a Down section has no down: node-pg-migrate treats it as exports.down = false.
    expect((await installed.list()).map((x) => [x.id, x.file, x.reversible])).toEqual([
      ['9_a', 'sql/9_a.sql', false],
      ['10_b', 'sql/10_b.sql', true],
    ]);
  });

  it('refuses any engine but Postgres before anything runs', async () => {
    const options = testOptions(fixture('node-pg-migrate', 'clean'), {
      engines: [
        { engine: 'postgres', version: null },
        { engine: 'mysql', version: '8.4' },
      ],
    });
    const error = await createMigrator(options, log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      'node-pg-migrate runs on Postgres only, but this run checks MySQL (--engine mysql): check a node-pg-migrate project with --engine postgres',
    );
  });
});

describe('Sequelize: listing', () => {
  it('reads .sequelizerc and config for the bookkeeping table; ids are file names, as SequelizeMeta has them', async () => {
    const m = await createSequelizeMigrator({ cwd: fixture('sequelize', 'clean'), migrations: [], log });
    expect(m.settings).toMatchObject({ table: 'SequelizeMeta', dialect: 'postgres' });
    expect((await m.list()).map((x) => [x.id, x.name, x.file, x.reversible])).toEqual([
      [
        '20240101090000-create-users.js',
        '20240101090000-create-users',
        'db/migrations/20240101090000-create-users.js',
        true,
      ],
      [
        '20240102090000-create-posts.js',
        '20240102090000-create-posts',
        'db/migrations/20240102090000-create-posts.js',
        true,
      ],
      [
        '20240103090000-add-published.js',
        '20240103090000-add-published',
        'db/migrations/20240103090000-add-published.js',
        true,
      ],
    ]);
  });

  it('honours migrationStorageTableName, skips type declarations, and says when a migration has no down', async () => {
    const dir = project({
      // The entry of NODE_ENV (vitest sets `test`), `development` without it.
      'config/config.json': JSON.stringify({
        [process.env.NODE_ENV || 'development']: {
          dialect: 'mysql',
          migrationStorageTableName: 'sequelize_meta',
        },
        other: { dialect: 'postgres', migrationStorageTableName: 'not_this_one' },
      }),
      'migrations/20240101-a.js': 'module.exports = { up: async () => {} };',
      'migrations/20240102-b.js':
        'module.exports = { up: async () => {}, down: async () => {}, irreversible: true };',
      'migrations/20240101-a.d.ts': 'export {};',
    });
    const m = await createSequelizeMigrator({ cwd: dir, migrations: [], log });
    expect(m.settings).toMatchObject({ table: 'sequelize_meta', dialect: 'mysql' });
    await expect(m.list()).rejects.toThrow(
      `sequelize is not installed in ${dir}: schemagate runs the project's own Sequelize; run npm install sequelize there`,
    );
    // Installed: the repository's node_modules, linked into the project.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const installed = await createSequelizeMigrator({ cwd: dir, migrations: [], log });
    expect(await installed.list()).toEqual([
      {
        id: '20240101-a.js',
        name: '20240101-a',
        file: 'migrations/20240101-a.js',
        reversible: false,
        irreversibleDeclared: false,
        irreversibleHint:
          'add a down(queryInterface, Sequelize) function, or declare it with irreversible: true',
      },
      {
        id: '20240102-b.js',
        name: '20240102-b',
        file: 'migrations/20240102-b.js',
        reversible: false,
        irreversibleDeclared: true,
      },
    ]);
  });
});
