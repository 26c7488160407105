/**
 * Models from a JS/TS module: `export default async (knex) => { ... }` (or `module.exports = fn`)
 * that builds the whole schema from scratch, the way SQLAlchemy's create_all does. TypeScript and ESM
 * load through jiti, so the project needs no build step.
 */
import { relative } from 'node:path';
import { type Knex, knex } from 'knex';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { AbortedError, ConfigError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { loadModule } from '../migrators/load-module.js';
import type { ModelSource } from './model-source.js';

type ModelsFunction = (knex: Knex) => unknown;

export class ModuleModelSource implements ModelSource {
  readonly describe: string;

  constructor(
    private readonly file: string,
    private readonly cwd: string,
    private readonly log: Logger,
  ) {
    this.describe = relative(cwd, file) || file;
  }

  /** Loads the module once before any migration: a syntax error or no export stops the run at once. */
  async preflight(): Promise<null> {
    await this.load();
    return null;
  }

  async build(db: ThrowawayDatabase, signal?: AbortSignal): Promise<void> {
    const fn = await this.load();
    if (signal?.aborted) throw new AbortedError(`models ${this.describe}: interrupted before it ran`);
    this.log.progress(`models: running ${this.describe}`);
    const instance = knex({
      client: ENGINES[db.engine].knex.client,
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
    // loadModule uses no module cache, so a second engine sees the file as it is now.
    let loaded: unknown = await loadModule(this.file, this.cwd, `--models ${this.describe}`);
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
