/**
 * Models from plain DDL files (`schema.sql`, Rails' `structure.sql`, a `pg_dump --schema-only` or a
 * `mysqldump --no-data`), run in order on the empty throwaway database, each by its engine's script
 * runner (src/dialects/<engine>/schema-script.ts), as that engine's own client would run it.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { ConfigError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { ModelSource } from './model-source.js';

export class SqlModelSource implements ModelSource {
  readonly describe: string;

  constructor(
    private readonly files: string[],
    private readonly cwd: string,
    private readonly log: Logger,
  ) {
    this.describe = files.map((f) => this.name(f)).join(', ');
  }

  private name(file: string): string {
    return relative(this.cwd, file) || file;
  }

  /** Every file must be readable before the first migration runs. */
  async preflight(): Promise<null> {
    for (const file of this.files) await this.read(file);
    return null;
  }

  private async read(file: string): Promise<string> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`--models ${this.name(file)}: cannot read the file (${errorMessage(error)})`, {
        hint: 'check the path; it is relative to --cwd',
      });
    }
  }

  async build(db: ThrowawayDatabase): Promise<void> {
    const run = await ENGINES[db.engine].load.schemaScript();
    for (const file of this.files) {
      const text = await this.read(file);
      this.log.progress(`models: running ${this.name(file)}`);
      await run({ url: db.url, name: this.name(file), text, log: this.log });
    }
  }
}
