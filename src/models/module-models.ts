/**
 * Models from a JS/TS module: `export default async (knex) => { ... }` (or `module.exports = fn`)
 * that builds the whole schema from scratch, the way SQLAlchemy's create_all does. TypeScript and ESM
 * load through jiti, so the project needs no build step.
 */
import { relative } from 'node:path';
import { createJiti } from 'jiti';
import { type Knex, knex } from 'knex';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { AbortedError, ConfigError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { ModelSource } from './model-source.js';

type ModelsFunction = (knex: Knex) => unknown;

export class ModuleModelSource implements ModelSource {
  readonly describe: string;

  constructor(
    private readonly file: string,
    cwd: string,
    private readonly log: Logger,
  ) {
    this.describe = relative(cwd, file) || file;
  }

  async build(db: ThrowawayDatabase, signal?: AbortSignal): Promise<void> {
    const fn = await this.load();
    if (signal?.aborted) throw new AbortedError(`models ${this.describe}: interrupted before it ran`);
    this.log.progress(`models: running ${this.describe}`);
    const instance = knex({
      client: db.engine === 'postgres' ? 'pg' : 'mysql2',
      connection: db.url,
      pool: { min: 0, max: 4 },
    });
    try {
      await fn(instance);
    } catch (error) {
      throw new ConfigError(`--models ${this.describe}: the models module threw: ${errorMessage(error)}`, {
        cause: error,
        hint: 'the function must build the whole schema on an empty database',
      });
    } finally {
      await instance.destroy().catch(() => {});
    }
  }

  private async load(): Promise<ModelsFunction> {
    // A fresh jiti (no module cache) so that a watch or a second engine sees the file as it is now.
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
    let loaded: unknown;
    try {
      loaded = await jiti.import(this.file, { default: true });
    } catch (error) {
      // jiti's parse errors end with `path:line:column` on a line of their own.
      const message = errorMessage(error);
      const at = new RegExp(`${escapeRegExp(this.file)}:(\\d+):(\\d+)`).exec(message);
      const where = at ? `:${at[1]}:${at[2]}` : '';
      throw new ConfigError(
        `--models ${this.describe}${where}: cannot load the module: ${firstLine(message).trim()}`,
        {
          cause: error,
          hint: 'fix the error in the models module, or check the path (relative to --cwd)',
        },
      );
    }
    // `export default fn` in CJS-transpiled form can arrive wrapped once more.
    if (loaded && typeof loaded === 'object' && 'default' in loaded)
      loaded = (loaded as { default: unknown }).default;
    if (typeof loaded !== 'function') {
      throw new ConfigError(`--models ${this.describe}: the module exports no function`, {
        hint: 'export default async (knex) => { /* build the schema */ }',
      });
    }
    return loaded as ModelsFunction;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
