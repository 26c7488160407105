/**
 * Chooses the model source from the options: `--models` files (DDL or a JS/TS module, by extension)
 * and `--models-command`. Several are run in the order given, files first, so that for example a
 * `extensions.sql` can prepare the database before a command builds the rest.
 */
import { extname, relative } from 'node:path';
import type { ModelSettings } from '../config/options.js';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { CommandModelSource, DEFAULT_COMMAND_TIMEOUT_MS } from './command-models.js';
import type { ModelSource } from './model-source.js';
import { ModuleModelSource } from './module-models.js';
import { SqlModelSource } from './sql-models.js';

export const MODULE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];
export const SQL_EXTENSIONS = ['.sql', '.ddl'];

/** Runs several sources one after another on the same database. */
class SequenceModelSource implements ModelSource {
  readonly describe: string;
  constructor(private readonly sources: ModelSource[]) {
    this.describe = sources.map((s) => s.describe).join(' + ');
  }
  async preflight(signal?: AbortSignal): Promise<string | null> {
    for (const source of this.sources) {
      const note = (await source.preflight?.(signal)) ?? null;
      if (note) return note;
    }
    return null;
  }
  async build(db: ThrowawayDatabase, signal?: AbortSignal): Promise<void> {
    for (const source of this.sources) await source.build(db, signal);
  }
}

export function createModelSource(
  options: Pick<ModelSettings, 'cwd' | 'models' | 'modelsCommand' | 'timeoutMs'>,
  log: Logger,
): ModelSource | null {
  const sources: ModelSource[] = [];
  let sqlRun: string[] = [];
  const flushSql = () => {
    if (sqlRun.length) sources.push(new SqlModelSource(sqlRun, options.cwd, log));
    sqlRun = [];
  };
  for (const file of options.models) {
    const ext = extname(file).toLowerCase();
    if (SQL_EXTENSIONS.includes(ext)) sqlRun.push(file);
    else if (MODULE_EXTENSIONS.includes(ext)) {
      flushSql();
      sources.push(new ModuleModelSource(file, options.cwd, log));
    } else {
      throw new UsageError(
        `--models ${relative(options.cwd, file) || file}: unknown kind of models file (expected .sql, or a .js/.ts module)`,
        { hint: 'for anything else, build the models with --models-command "..."' },
      );
    }
  }
  flushSql();
  if (options.modelsCommand) {
    sources.push(
      new CommandModelSource(options.modelsCommand, options.cwd, log, {
        timeoutMs: Math.min(options.timeoutMs || DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_COMMAND_TIMEOUT_MS),
      }),
    );
  }
  if (sources.length === 0) return null;
  return sources.length === 1 ? sources[0]! : new SequenceModelSource(sources);
}
