/**
 * Detects the migration tool from the project's files, in this order: a knexfile, alembic.ini,
 * manage.py, a TypeORM DataSource (data-source.ts, ormconfig.*), node-pg-migrate or Sequelize
 * (package.json's dependency and the tool's migrations folder; Sequelize's `.sequelizerc`), then a
 * folder of SQL migrations. `--tool` overrides it (the caller's business).
 * The order matters for a repository that has several: the tool's own configuration file is a
 * stronger sign than a folder of SQL files, which many projects keep for other reasons.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { dependsOn, hasScriptFiles, readPackageJson, scriptFlag } from './js-project.js';
import type { ToolName } from './migrator.js';
import { SQL_MIGRATION_FOLDERS } from './sql-files.js';
import { DATA_SOURCE_FILES } from './typeorm/project.js';

const KNEXFILES = ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts'];

export async function detectTool(cwd: string): Promise<ToolName | null> {
  if (await anyFile(cwd, KNEXFILES)) return 'knex';
  if (await anyFile(cwd, ['alembic.ini'])) return 'alembic';
  if (await anyFile(cwd, ['manage.py'])) return 'django';
  if (await anyFile(cwd, DATA_SOURCE_FILES)) return 'typeorm';
  const js = await nodeTool(cwd);
  if (js) return js;
  for (const folder of SQL_MIGRATION_FOLDERS) {
    if (await hasSqlFiles(path.join(cwd, folder))) return 'sql';
  }
  return null;
}

/** node-pg-migrate or Sequelize, from package.json and the folder the tool would read. */
async function nodeTool(cwd: string): Promise<ToolName | null> {
  const pkg = await readPackageJson(cwd);
  if (dependsOn(pkg, 'node-pg-migrate')) {
    const dir = scriptFlag(pkg, 'node-pg-migrate', ['--migrations-dir', '-m']);
    const folder = path.join(cwd, typeof dir === 'string' ? dir : 'migrations');
    if ((await hasScriptFiles(folder)) || (await hasSqlFiles(folder))) return 'node-pg-migrate';
  }
  if (await anyFile(cwd, ['.sequelizerc'])) return 'sequelize';
  if (
    (dependsOn(pkg, 'sequelize') || dependsOn(pkg, 'sequelize-cli')) &&
    (await hasScriptFiles(path.join(cwd, 'migrations')))
  ) {
    return 'sequelize';
  }
  return null;
}

async function anyFile(cwd: string, names: string[]): Promise<boolean> {
  for (const name of names) {
    if ((await stat(path.join(cwd, name)).catch(() => null))?.isFile()) return true;
  }
  return false;
}

/** A folder with .sql files in it (Flyway's may sit in subfolders). */
async function hasSqlFiles(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.some((e) => e.isFile() && e.name.toLowerCase().endsWith('.sql'));
}
