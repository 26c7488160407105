import type { Options } from '../config/options.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { findKnexfile } from './knex/knexfile.js';
import { createKnexMigrator } from './knex.js';
import type { Migrator, ToolName } from './migrator.js';

export interface ChosenMigrator {
  migrator: Migrator;
  /** Tables the tool keeps its own records in, besides the well-known ones. */
  bookkeepingTables: string[];
}

/** Picks the migration tool: `--tool`, otherwise detected from the project's files. */
export async function createMigrator(options: Options, log: Logger): Promise<ChosenMigrator> {
  const tool: ToolName | null = options.tool ?? (await detect(options));
  switch (tool) {
    case 'knex': {
      const migrator = await createKnexMigrator({ cwd: options.cwd, migrations: options.migrations, log });
      const table = migrator.settings.tableName;
      return { migrator, bookkeepingTables: [table, `${table}_lock`] };
    }
    case null:
      throw new UsageError(
        `no migration tool found in ${options.cwd} (no knexfile, alembic.ini, manage.py or SQL migrations folder): pass --tool and --migrations`,
      );
    default:
      throw new UsageError(`--tool ${tool} is not supported yet`);
  }
}

async function detect(options: Options): Promise<ToolName | null> {
  if (findKnexfile(options.cwd)) return 'knex';
  // A bare --migrations folder of JS/TS files is a knex project without a knexfile.
  if (options.migrations.length > 0) return 'knex';
  return null;
}
