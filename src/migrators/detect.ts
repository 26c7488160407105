/**
 * Detects the migration tool from the project's files, in this order: a knexfile, alembic.ini,
 * manage.py, a TypeORM DataSource (data-source.ts, ormconfig.*), then a folder of SQL migrations. `--tool` overrides it (the caller's business).
 * The order matters for a repository that has several: the tool's own configuration file is a
 * stronger sign than a folder of SQL files, which many projects keep for other reasons.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ToolName } from './migrator.js';
import { SQL_MIGRATION_FOLDERS } from './sql-files.js';
import { DATA_SOURCE_FILES } from './typeorm/project.js';

const KNEXFILES = ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts'];

export async function detectTool(cwd: string): Promise<ToolName | null> {
  if (await anyFile(cwd, KNEXFILES)) return 'knex';
  if (await anyFile(cwd, ['alembic.ini'])) return 'alembic';
  if (await anyFile(cwd, ['manage.py'])) return 'django';
  if (await anyFile(cwd, DATA_SOURCE_FILES)) return 'typeorm';
  for (const folder of SQL_MIGRATION_FOLDERS) {
    if (await hasSqlFiles(path.join(cwd, folder))) return 'sql';
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
