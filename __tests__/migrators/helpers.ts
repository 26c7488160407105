/** Shared by the migrator tests: Options for a fixture project and throwaway databases as the checks see them. */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '../../src/config/options.js';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { BOOKKEEPING_TABLES } from '../../src/dialects/dialect.js';
import type { Logger } from '../../src/log.js';
import type { EngineName, Schema } from '../../src/schema/model.js';
import { asThrowaway, createMysqlDatabase, createPgDatabase } from '../helpers/servers.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Debian's Python, which has alembic, SQLAlchemy, Django and the drivers (scripts/ci/setup-python.sh). */
export const PYTHON = '/usr/bin/python3';

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function testOptions(cwd: string, extra: Partial<Options> = {}): Options {
  const base: Partial<Options> = {
    cwd,
    tool: null,
    migrations: [],
    engines: [],
    provider: null,
    url: null,
    models: [],
    modelsCommand: null,
    drift: 'fail',
    ignore: [],
    irreversible: 'declared',
    onlyChanged: null,
    python: PYTHON,
    jsonPath: null,
    markdownPath: null,
    writeMigrationDir: null,
    verbosity: 'normal',
    timeoutMs: 10 * 60 * 1000,
  };
  return { ...base, ...extra } as Options;
}

/** A logger that keeps every line, so a test can assert what the user was told. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, progress: push('progress'), info: push('info'), warn: push('warn'), debug: push('debug') };
}

export async function throwaway(engine: EngineName): Promise<ThrowawayDatabase> {
  const db = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
  return asThrowaway(db, engine, 'test');
}

/** A full snapshot through the engine's dialect, with the tools' bookkeeping tables left out. */
export async function snapshot(db: ThrowawayDatabase): Promise<Schema> {
  const dialect =
    db.engine === 'postgres'
      ? (await import('../../src/dialects/postgres/index.js')).postgresDialect
      : (await import('../../src/dialects/mysql/index.js'))[
          db.engine === 'mariadb' ? 'mariadbDialect' : 'mysqlDialect'
        ];
  const introspector = await dialect.introspector(db.url, { excludeTables: BOOKKEEPING_TABLES });
  try {
    return await introspector.snapshot();
  } finally {
    await introspector.close();
  }
}

let bare: string | null = null;
/** A python3 that sees no installed packages (Debian's, with -S: no site-packages), for "not installed" errors. */
export async function barePython(): Promise<string> {
  if (bare) return bare;
  const dir = await mkdtemp(path.join(tmpdir(), 'sgtest-python-'));
  bare = path.join(dir, 'python3');
  await writeFile(bare, `#!/bin/sh\nexec ${PYTHON} -S "$@"\n`);
  await chmod(bare, 0o755);
  return bare;
}

export async function removeBarePython(): Promise<void> {
  if (bare) await rm(path.dirname(bare), { recursive: true, force: true });
  bare = null;
}
