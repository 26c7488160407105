import { readdir } from 'node:fs/promises';
import type { MigratorSettings } from '../config/options.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { createAlembicMigrator } from './alembic.js';
import { detectTool } from './detect.js';
import { createDjangoMigrator, DJANGO_BOOKKEEPING_TABLES } from './django.js';
import { createKnexMigrator } from './knex.js';
import type { Migrator, ToolName } from './migrator.js';
import { createNodePgMigrateMigrator } from './node-pg-migrate.js';
import { createSequelizeMigrator } from './sequelize.js';
import { createSqlFilesMigrator } from './sql-files.js';
import { looksLikeTypeormFolder } from './typeorm/project.js';
import { createTypeormMigrator } from './typeorm.js';

export interface ChosenMigrator {
  tool: ToolName;
  migrator: Migrator;
  /** Tables the tool keeps its own records in, besides the well-known ones. */
  bookkeepingTables: string[];
}

/** Picks the migration tool: `--tool`, otherwise detected from the project's files. */
export async function createMigrator(options: MigratorSettings, log: Logger): Promise<ChosenMigrator> {
  const tool: ToolName | null = options.tool ?? (await detect(options));
  switch (tool) {
    case 'knex': {
      const migrator = await createKnexMigrator({ cwd: options.cwd, migrations: options.migrations, log });
      const table = migrator.settings.tableName;
      return { tool, migrator, bookkeepingTables: [table, `${table}_lock`] };
    }
    case 'sql':
      return { tool, migrator: await createSqlFilesMigrator(options, log), bookkeepingTables: [] };
    case 'alembic':
      return {
        tool,
        migrator: await createAlembicMigrator(options, log),
        bookkeepingTables: ['alembic_version'],
      };
    case 'django':
      return {
        tool,
        migrator: await createDjangoMigrator(options, log),
        bookkeepingTables: DJANGO_BOOKKEEPING_TABLES,
      };
    case 'typeorm': {
      const migrator = await createTypeormMigrator({ cwd: options.cwd, migrations: options.migrations, log });
      return { tool, migrator, bookkeepingTables: [await migrator.tableName()] };
    }
    case 'node-pg-migrate': {
      const migrator = await createNodePgMigrateMigrator({ ...options, log });
      return { tool, migrator, bookkeepingTables: [migrator.settings.table] };
    }
    case 'sequelize': {
      const migrator = await createSequelizeMigrator({ ...options, log });
      return { tool, migrator, bookkeepingTables: [migrator.settings.table] };
    }
    case null:
      throw new UsageError(
        `no migration tool found in ${options.cwd} (no knexfile, alembic.ini, manage.py, TypeORM DataSource, node-pg-migrate or Sequelize migrations, or folder of SQL migrations): pass --tool and --migrations`,
      );
  }
}

async function detect(options: MigratorSettings): Promise<ToolName | null> {
  const found = await detectTool(options.cwd);
  if (found) return found;
  // A bare --migrations folder: SQL files make it a plain SQL project, anything else a knex
  // project without a knexfile.
  for (const dir of options.migrations) {
    const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    if (entries.some((name) => String(name).toLowerCase().endsWith('.sql'))) return 'sql';
  }
  if (await looksLikeTypeormFolder(options.migrations)) return 'typeorm';
  return options.migrations.length > 0 ? 'knex' : null;
}
