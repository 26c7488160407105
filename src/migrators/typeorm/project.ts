/**
 * A TypeORM project as schemagate reads it: the project's own `typeorm` package, its DataSource
 * options (data-source.ts, ormconfig.*) and its migration classes, in TypeORM's order.
 */
import { glob, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { loadModule, unwrapDefault } from '../load-module.js';
import { attribution, captureOutput } from '../output.js';

/** Where a TypeORM project keeps its DataSource, in the order they are looked for. */
export const DATA_SOURCE_FILES = [
  'data-source.ts',
  'data-source.js',
  'src/data-source.ts',
  'src/data-source.js',
  'ormconfig.ts',
  'ormconfig.js',
  'ormconfig.json',
];

const CODE_FILE = /\.(c|m)?(j|t)s$/;

/** A migration class's instance: TypeORM's MigrationInterface. */
export interface TypeormMigrationInstance {
  name?: string;
  transaction?: boolean;
  up?: (queryRunner: unknown) => Promise<unknown>;
  down?: (queryRunner: unknown) => Promise<unknown>;
}

export interface TypeormMigrationEntry {
  name: string;
  /** Relative to the project, forward slashes. */
  file: string;
  instance: TypeormMigrationInstance;
}

/** What the project's DataSource says, besides its connection (which schemagate replaces). */
export interface TypeormProject {
  /** The DataSource file, relative to the project; null with `--migrations` alone. */
  dataSourceFile: string | null;
  tableName: string;
  transactionMode: 'all' | 'each' | 'none';
  migrations: TypeormMigrationEntry[];
}

/** The project's own `typeorm` (never schemagate's): a one-line error when it is not installed. */
export function projectTypeorm(cwd: string): typeof import('typeorm') {
  const require = createRequire(path.join(cwd, 'package.json'));
  let resolved: string;
  try {
    resolved = require.resolve('typeorm');
  } catch {
    throw new ConfigError(
      `typeorm is not installed in ${cwd}: the project's migrations run with its own typeorm`,
      {
        hint: 'npm install typeorm (and the driver: pg or mysql2) in the project',
      },
    );
  }
  return require(resolved) as typeof import('typeorm');
}

export async function findDataSourceFile(cwd: string): Promise<string | null> {
  for (const name of DATA_SOURCE_FILES) {
    const file = path.join(cwd, name);
    if ((await stat(file).catch(() => null))?.isFile()) return file;
  }
  return null;
}

export async function readTypeormProject(
  cwd: string,
  migrationDirs: string[],
  log: Logger,
): Promise<TypeormProject> {
  const dataSource = await findDataSourceFile(cwd);
  const shown = dataSource ? relative(cwd, dataSource) : null;
  const options = dataSource ? await readOptions(dataSource, cwd, migrationDirs.length > 0, log) : {};
  const migrations =
    migrationDirs.length > 0
      ? await fromDirectories(migrationDirs, cwd, log)
      : await fromOptions(options.migrations, cwd, shown, log);
  if (migrations.length === 0) {
    throw new ConfigError(
      `${shown ?? migrationDirs.map((d) => relative(cwd, d)).join(', ')}: no TypeORM migrations found`,
      { hint: 'list them in the DataSource `migrations`, or pass --migrations DIR' },
    );
  }
  const mode = options.migrationsTransactionMode;
  return {
    dataSourceFile: shown,
    tableName: typeof options.migrationsTableName === 'string' ? options.migrationsTableName : 'migrations',
    transactionMode: mode === 'each' || mode === 'none' ? mode : 'all',
    migrations: ordered(migrations),
  };
}

type Options = Record<string, unknown>;

/** The DataSource's options: an exported DataSource, or a plain options object (ormconfig). */
async function readOptions(file: string, cwd: string, optional: boolean, log: Logger): Promise<Options> {
  let loaded: Record<string, unknown>;
  try {
    loaded = await loadModule(file, cwd);
  } catch (error) {
    // With --migrations the DataSource only adds its table name and transaction mode: a file that
    // does not load (entities jiti cannot transform, say) need not stop the run.
    if (!(error instanceof ConfigError)) throw error;
    if (!optional) {
      throw new ConfigError(error.message, {
        cause: error,
        hint: 'fix the file so that it loads with node, or pass --migrations DIR to read the migrations without it',
      });
    }
    log.warn(`${error.message}: using TypeORM's defaults (table migrations, transaction mode all)`);
    return {};
  }
  const mod = unwrapDefault(loaded);
  const candidates = [mod, mod.default, ...Object.values(mod)].flatMap((v) => (Array.isArray(v) ? v : [v]));
  for (const value of candidates) {
    if (!value || typeof value !== 'object') continue;
    const v = value as Options;
    if (typeof v.initialize === 'function' && v.options && typeof v.options === 'object')
      return v.options as Options;
  }
  for (const value of candidates) {
    if (value && typeof value === 'object' && ('type' in value || 'migrations' in value))
      return value as Options;
  }
  throw new ConfigError(`${relative(cwd, file)}: exports no DataSource and no DataSource options`, {
    hint: 'export the DataSource (export const AppDataSource = new DataSource({ ... })), or pass --migrations DIR',
  });
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value && typeof value === 'object' ? Object.values(value) : [];
}

async function fromOptions(
  list: unknown,
  cwd: string,
  dataSource: string | null,
  log: Logger,
): Promise<TypeormMigrationEntry[]> {
  const entries: TypeormMigrationEntry[] = [];
  for (const item of listOf(list)) {
    if (typeof item === 'string') {
      // TypeORM globs relative to the process's cwd, which is the project's.
      const pattern = path.isAbsolute(item) ? item : path.join(cwd, item);
      const files: string[] = [];
      for await (const f of glob(pattern.split(path.sep).join('/'))) files.push(f);
      for (const f of files.filter(isCode).sort()) entries.push(...(await fromFile(f, cwd, log)));
    } else if (isMigrationClass(item)) {
      entries.push(await fromClass(item, cwd, dataSource));
    }
  }
  return entries;
}

async function fromDirectories(dirs: string[], cwd: string, log: Logger): Promise<TypeormMigrationEntry[]> {
  const entries: TypeormMigrationEntry[] = [];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => {
      throw new ConfigError(`migrations folder ${relative(cwd, dir)} does not exist: pass --migrations DIR`);
    });
    for (const name of names.filter(isCode).sort())
      entries.push(...(await fromFile(path.join(dir, name), cwd, log)));
  }
  return entries;
}

function isCode(file: string): boolean {
  return CODE_FILE.test(file) && !/\.d\.(c|m)?ts$/.test(file);
}

type MigrationClass = new () => TypeormMigrationInstance;

function isMigrationClass(value: unknown): value is MigrationClass {
  return (
    typeof value === 'function' && typeof (value.prototype as TypeormMigrationInstance)?.up === 'function'
  );
}

/** Every migration class a file exports, as TypeORM's directory loader takes them. */
async function fromFile(file: string, cwd: string, log: Logger): Promise<TypeormMigrationEntry[]> {
  const shown = relative(cwd, file);
  const mod = await captureOutput(
    () => loadModule(file, cwd),
    () => {},
    (line) => log.debug(`${attribution(shown, 'load')} ${line}`),
  );
  const classes = new Set([...Object.values(mod), mod.default].filter(isMigrationClass));
  return [...classes].map((cls) => entry(cls, shown));
}

/**
 * A class the DataSource file imported itself: its file is the one whose name carries the class's
 * timestamp (TypeORM's generators name them `<timestamp>-<Name>.ts`), else the DataSource file.
 */
async function fromClass(
  cls: MigrationClass,
  cwd: string,
  dataSource: string | null,
): Promise<TypeormMigrationEntry> {
  const first = entry(cls, dataSource ?? '.');
  const stamp = first.name.slice(-13);
  if (/^\d{13}$/.test(stamp)) {
    for await (const f of glob(`**/*${stamp}*`, { cwd, exclude: (p) => p.includes('node_modules') })) {
      if (isCode(f)) return { ...first, file: f.split(path.sep).join('/') };
    }
  }
  return first;
}

function entry(cls: MigrationClass, file: string): TypeormMigrationEntry {
  let instance: TypeormMigrationInstance;
  try {
    instance = new cls();
  } catch (error) {
    throw new ConfigError(`${file}: cannot create the migration ${cls.name}: ${String(error)}`);
  }
  return { name: instance.name ?? cls.name, file, instance };
}

/** TypeORM's order: by the 13-digit timestamp at the end of the name; it refuses names without one. */
function ordered(entries: TypeormMigrationEntry[]): TypeormMigrationEntry[] {
  const seen = new Map<string, string>();
  const stamped = entries.map((e) => {
    const timestamp = Number.parseInt(e.name.slice(-13), 10);
    if (!timestamp || Number.isNaN(timestamp)) {
      throw new ConfigError(
        `${e.file}: migration ${e.name} has no timestamp at the end of its class name, which TypeORM needs to order it`,
        { hint: `rename the class to ${e.name}${Date.now()} (as typeorm migration:create does)` },
      );
    }
    const other = seen.get(e.name);
    if (other !== undefined) {
      throw new ConfigError(
        `${e.file}: migration ${e.name} is also in ${other}: TypeORM refuses duplicate names`,
      );
    }
    seen.set(e.name, e.file);
    return { e, timestamp };
  });
  return stamped.sort((a, b) => a.timestamp - b.timestamp).map((s) => s.e);
}

function relative(cwd: string, file: string): string {
  const r = path.relative(cwd, file);
  return (r === '' ? '.' : r.startsWith('..') ? file : r).split(path.sep).join('/');
}

/** A bare `--migrations` folder of TypeORM classes (`implements MigrationInterface`, `queryRunner`). */
export async function looksLikeTypeormFolder(dirs: string[]): Promise<boolean> {
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter(isCode)) {
      const text = await readFile(path.join(dir, name), 'utf8').catch(() => '');
      if (/\bMigrationInterface\b|\bqueryRunner\b/.test(text)) return true;
    }
  }
  return false;
}
