/**
 * A knexfile `migrationSource` (Wiki.js 2.x has one): each migration in the report (and so each
 * annotation) points at its own file whenever the source's items tell where it is, and at the
 * knexfile only when nothing does. Through the real CLI on the local Postgres.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, fixture, postgres, removeTempProjects, tempProject } from './harness.js';

afterAll(removeTempProjects);

/** A project with db/migrations/001_a.js and 002_b.js and a knexfile whose source is `source`. */
function project(source: string): string {
  const dir = tempProject('knex-source');
  mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
  writeFileSync(
    path.join(dir, 'db', 'migrations', '001_a.js'),
    "exports.up = (knex) => knex.schema.createTable('a', (t) => t.increments('id'));\nexports.down = (knex) => knex.schema.dropTable('a');\n",
  );
  writeFileSync(
    path.join(dir, 'db', 'migrations', '002_b.js'),
    "exports.up = (knex) => knex.schema.createTable('b', (t) => t.increments('id'));\nexports.down = (knex) => knex.raw('select 1');\n",
  );
  writeFileSync(
    path.join(dir, 'knexfile.js'),
    `const path = require('node:path');\nconst names = ['001_a.js', '002_b.js'];\nmodule.exports = { client: 'pg', migrations: { migrationSource: ${source} } };\n`,
  );
  return dir;
}

describe('knex custom migrationSource: each migration points at its own file', () => {
  it('Wiki.js 2.x shape: { file (no extension), directory }', async () => {
    const r = await check(fixture('knex', 'wiki-source'), postgres.args);
    expect(r.code).toBe(1);
    expect(r.engine!.migrations.map((m) => [m.name, m.file])).toEqual([
      ['2.0.0', 'server/db/migrations/2.0.0.js'],
      ['2.9.0', 'server/db/migrations/2.9.0.js'],
      ['2.10.0', 'server/db/migrations/2.10.0.js'],
    ]);
    expect(r.engine!.migrations[2]!.status).toBe('fail');
    // The console's problem section names the migration's file, not the knexfile.
    expect(r.stdout).toContain('2.10.0 (server/db/migrations/2.10.0.js):');
  });

  it.each([
    [
      'items with an absolute path',
      "{ getMigrations: async () => names.map((n) => ({ name: n, path: path.join(__dirname, 'db/migrations', n) })), getMigrationName: (m) => m.name, getMigration: (m) => require(m.path) }",
    ],
    [
      'items with a filename relative to the knexfile',
      "{ getMigrations: async () => names.map((n) => ({ id: n, filename: 'db/migrations/' + n })), getMigrationName: (m) => m.id, getMigration: (m) => require('./' + m.filename) }",
    ],
    [
      'names that are paths relative to the knexfile',
      "{ getMigrations: async () => names.map((n) => 'db/migrations/' + n), getMigrationName: (m) => m, getMigration: (m) => require('./' + m) }",
    ],
  ])('%s', async (_what, source) => {
    const r = await check(project(source), postgres.args);
    expect(r.code).toBe(1);
    expect(r.engine!.migrations.map((m) => m.file)).toEqual([
      'db/migrations/001_a.js',
      'db/migrations/002_b.js',
    ]);
  });

  it('falls back to the knexfile when nothing tells where a migration is', async () => {
    const dir = project(
      "{ getMigrations: async () => ['one', 'two'], getMigrationName: (m) => m, getMigration: (m) => require('./db/migrations/' + (m === 'one' ? '001_a.js' : '002_b.js')) }",
    );
    const r = await check(dir, postgres.args);
    expect(r.code).toBe(1);
    expect(r.engine!.migrations.map((m) => [m.name, m.file])).toEqual([
      ['one', 'knexfile.js'],
      ['two', 'knexfile.js'],
    ]);
  });
});
