/**
 * Discovers plain SQL migrations in the common layouts and reads each into an up text and a
 * down text (null when there is none):
 *   golang-migrate  NNN_name.up.sql + NNN_name.down.sql
 *   dbmate          NNN_name.sql with `-- migrate:up` and `-- migrate:down` sections
 *   Flyway          V1.2__name.sql (or V1_2__name.sql) with undo U1.2__name.sql
 *   goose           NNN_name.sql with `-- +goose Up` and `-- +goose Down` (layouts/goose.ts)
 *   pop / fizz      NNN_name.postgres.up.sql, one file per database (layouts/pop.ts)
 *   Prisma Migrate  <timestamp>_name/migration.sql, no down (layouts/prisma.ts)
 *   Drizzle Kit     NNNN_tag.sql in meta/_journal.json's order, no down (layouts/drizzle.ts)
 * The layout is detected from the folder's files; versions sort numerically, part by part.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineName } from '../../dialects/registry.js';
import { ConfigError } from '../../errors.js';
import { isDrizzle, readDrizzle } from './layouts/drizzle.js';
import { declared, type FoundFile, rel, section } from './layouts/files.js';
import { GOOSE_FILE, GOOSE_MARKER, readGoose } from './layouts/goose.js';
import { hasPopConfig, isPopOnly, POP_FILE, readPop } from './layouts/pop.js';
import { isPrisma, readPrisma } from './layouts/prisma.js';

export type SqlLayout = 'golang-migrate' | 'dbmate' | 'flyway' | 'goose' | 'pop' | 'prisma' | 'drizzle';

export interface SqlSection {
  text: string;
  /** 1-based line of the section's first line in the file, so errors can point into it. */
  line: number;
  /** Path relative to the project, with forward slashes. */
  file: string;
  /**
   * dbmate's `transaction:false`, goose's `NO TRANSACTION`, pop's `.autocommit` files; Flyway and
   * golang-migrate have no per-file switch here.
   */
  transaction: boolean;
  /** goose's StatementBegin/End blocks: file lines `from`..`to` of one statement each (split.ts splitSection). */
  blocks?: { from: number; to: number }[];
}

export interface SqlMigrationFile {
  layout: SqlLayout;
  /** The up file's name without `.sql` (`001_users.up` loses `.up` too): the migration's id. */
  id: string;
  name: string;
  version: string;
  up: SqlSection;
  down: SqlSection | null;
  /**
   * Declared irreversible by a `-- schemagate:irreversible <reason>` line (irreversible-marker.ts),
   * or by the tool itself (Prisma and Drizzle have no downs).
   */
  irreversible?: { reason: string | null };
  /**
   * pop only: what each engine of the run runs (its dialect's file, else the generic one); an up
   * of null means the migration is not in that engine's history. `up`/`down` above are for listing.
   */
  perEngine?: Partial<Record<EngineName, { up: SqlSection | null; down: SqlSection | null }>>;
}

const GOLANG = /^(\d+)_(.+)\.(up|down)\.sql$/;
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const FLYWAY_REPEATABLE = /^R__.+\.sql$/;
const DBMATE_FILE = /^(\d+)_?(.*)\.sql$/;
const DBMATE_MARKER = /^--\s*migrate:(up|down)\b(.*)$/m;

/**
 * Reads every migration in `folders` (absolute), detecting the layout from the files. `engines` are
 * the run's: pop's files differ per engine, and Prisma's lock file names the one family it fits.
 */
export async function readSqlMigrations(
  folders: string[],
  cwd: string,
  engines: readonly EngineName[] = ['postgres'],
): Promise<{ layout: SqlLayout; migrations: SqlMigrationFile[]; skipped: string[] }> {
  const files: FoundFile[] = [];
  for (const folder of folders) files.push(...(await listSqlFiles(folder, cwd)));
  const shownFolders = folders.map((f) => rel(cwd, f) || '.').join(', ');
  const layout = await detectLayout(folders, files, cwd);
  if (!layout) {
    throw new ConfigError(
      `no SQL migrations in ${shownFolders}: expected NNN_name.up.sql (golang-migrate, pop), V1__name.sql (Flyway), files with "-- migrate:up" (dbmate) or "-- +goose Up" (goose), <timestamp>_name/migration.sql (Prisma) or meta/_journal.json (Drizzle)`,
    );
  }
  const skipped: string[] = [];
  let migrations: SqlMigrationFile[];
  const top = files.filter((f) => f.top);
  if (layout === 'golang-migrate') migrations = await readGolang(top, cwd, skipped);
  else if (layout === 'flyway') migrations = await readFlyway(files, cwd, skipped);
  else if (layout === 'goose') migrations = await readGoose(top, cwd, skipped);
  else if (layout === 'pop') migrations = await readPop(top, cwd, skipped, engines);
  else if (layout === 'prisma') migrations = await readPrisma(folders, files, cwd, skipped, engines);
  else if (layout === 'drizzle') migrations = await readDrizzle(folders, top, cwd, skipped);
  else migrations = await readDbmate(top, cwd, skipped);
  migrations.sort(
    (a, b) => compareVersions(a.version, b.version) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (let k = 1; k < migrations.length; k++) {
    const [a, b] = [migrations[k - 1]!, migrations[k]!];
    if (compareVersions(a.version, b.version) === 0) {
      throw new ConfigError(
        `two migrations share version ${b.version}: ${a.up.file} and ${b.up.file}; rename one of them`,
      );
    }
  }
  return { layout, migrations, skipped };
}

/** Compares dotted numeric versions (`1.10` after `1.9`, `001` equal to `1`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._]/).map((p) => BigInt(p));
  const pb = b.split(/[._]/).map((p) => BigInt(p));
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const x = pa[k] ?? 0n;
    const y = pb[k] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

async function listSqlFiles(folder: string, cwd: string): Promise<FoundFile[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
        throw new ConfigError(
          `migrations folder ${rel(cwd, folder)} does not exist: create it or pass --migrations DIR`,
        );
      }
      throw error;
    },
  );
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.sql'))
    .map((e) => ({
      absolute: path.join(e.parentPath, e.name),
      base: e.name,
      top: path.resolve(e.parentPath) === path.resolve(folder),
      folder,
    }))
    .sort((x, y) => (x.absolute < y.absolute ? -1 : 1));
}

/**
 * The tool's own bookkeeping file decides first (Drizzle's journal, Prisma's lock or folders), then
 * file names: pop's dialect and `.autocommit` files also match golang-migrate's pattern, so pop is
 * tried before it; generic files alone are pop's when its database.yml is in the project.
 */
async function detectLayout(folders: string[], files: FoundFile[], cwd: string): Promise<SqlLayout | null> {
  if (await isDrizzle(folders)) return 'drizzle';
  if (await isPrisma(folders, files)) return 'prisma';
  if (files.some((f) => f.top && isPopOnly(f.base))) return 'pop';
  if (files.some((f) => f.top && POP_FILE.test(f.base)) && (await hasPopConfig(cwd))) return 'pop';
  const golang = files.some((f) => f.top && GOLANG.test(f.base));
  const flyway = files.some((f) => FLYWAY.test(f.base) || FLYWAY_REPEATABLE.test(f.base));
  if (golang && flyway) {
    throw new ConfigError(
      'the migrations folder mixes golang-migrate (*.up.sql) and Flyway (V1__*.sql) files: keep one layout',
    );
  }
  if (golang) return 'golang-migrate';
  if (flyway) return 'flyway';
  for (const f of files) {
    if (!f.top || !DBMATE_FILE.test(f.base)) continue;
    const text = await readFile(f.absolute, 'utf8');
    if (DBMATE_MARKER.test(text)) return 'dbmate';
    if (GOOSE_FILE.test(f.base) && GOOSE_MARKER.test(text)) return 'goose';
  }
  return null;
}

async function readGolang(files: FoundFile[], cwd: string, skipped: string[]): Promise<SqlMigrationFile[]> {
  const byKey = new Map<string, { up?: FoundFile; down?: FoundFile; version: string; name: string }>();
  for (const f of files) {
    const m = GOLANG.exec(f.base);
    if (!m) {
      skipped.push(rel(cwd, f.absolute));
      continue;
    }
    const key = `${m[1]}_${m[2]}`;
    const entry = byKey.get(key) ?? { version: m[1]!, name: m[2]! };
    entry[m[3] as 'up' | 'down'] = f;
    byKey.set(key, entry);
  }
  const out: SqlMigrationFile[] = [];
  for (const [key, e] of byKey) {
    if (!e.up)
      throw new ConfigError(
        `${rel(cwd, e.down!.absolute)} has no matching ${key}.up.sql: add it or delete the down file`,
      );
    const up = await section(e.up, cwd, true);
    out.push({
      layout: 'golang-migrate',
      id: key,
      name: key,
      version: e.version,
      up,
      down: e.down ? await section(e.down, cwd, true) : null,
      ...declared(up.text),
    });
  }
  return out;
}

async function readFlyway(files: FoundFile[], cwd: string, skipped: string[]): Promise<SqlMigrationFile[]> {
  const ups = new Map<string, FoundFile>();
  const undos = new Map<string, FoundFile>();
  for (const f of files) {
    const m = FLYWAY.exec(f.base);
    if (!m) {
      // Repeatable (R__) migrations rerun whenever they change; they have no place in a
      // version-by-version round trip.
      skipped.push(rel(cwd, f.absolute));
      continue;
    }
    const version = m[2]!.replace(/_/g, '.');
    const target = m[1] === 'V' ? ups : undos;
    const clash = [...target.entries()].find(([v]) => compareVersions(v, version) === 0);
    if (clash)
      throw new ConfigError(
        `${rel(cwd, clash[1].absolute)} and ${rel(cwd, f.absolute)} share version ${version}: rename one of them`,
      );
    target.set(version, f);
  }
  const out: SqlMigrationFile[] = [];
  for (const [version, f] of ups) {
    const undo = [...undos.entries()].find(([v]) => compareVersions(v, version) === 0)?.[1];
    const up = await section(f, cwd, true);
    out.push({
      layout: 'flyway',
      id: f.base.replace(/\.sql$/i, ''),
      name: f.base.replace(/\.sql$/i, ''),
      version,
      up,
      down: undo ? await section(undo, cwd, true) : null,
      ...declared(up.text),
    });
  }
  for (const [version, f] of undos) {
    if (!ups.has(version) && ![...ups.keys()].some((v) => compareVersions(v, version) === 0)) {
      throw new ConfigError(
        `${rel(cwd, f.absolute)} undoes version ${version}, which has no V${version}__*.sql migration`,
      );
    }
  }
  return out;
}

async function readDbmate(files: FoundFile[], cwd: string, skipped: string[]): Promise<SqlMigrationFile[]> {
  const out: SqlMigrationFile[] = [];
  for (const f of files) {
    const m = DBMATE_FILE.exec(f.base);
    const text = await readFile(f.absolute, 'utf8');
    if (!m || !DBMATE_MARKER.test(text)) {
      skipped.push(rel(cwd, f.absolute));
      continue;
    }
    const file = rel(cwd, f.absolute);
    const sections = parseDbmate(text, file);
    out.push({
      layout: 'dbmate',
      id: f.base.replace(/\.sql$/i, ''),
      name: f.base.replace(/\.sql$/i, ''),
      version: m[1]!,
      up: sections.up,
      down: sections.down,
      // Anywhere in the file: above `-- migrate:up` reads as naturally as inside a section.
      ...declared(text),
    });
  }
  return out;
}

/** Splits a dbmate file at its `-- migrate:up` / `-- migrate:down` markers. */
export function parseDbmate(text: string, file: string): { up: SqlSection; down: SqlSection | null } {
  const lines = text.split('\n');
  const found: { kind: 'up' | 'down'; line: number; options: string }[] = [];
  lines.forEach((l, k) => {
    const m = /^--\s*migrate:(up|down)\b(.*)$/.exec(l.trimEnd());
    if (m) found.push({ kind: m[1] as 'up' | 'down', line: k + 1, options: m[2]! });
  });
  const ups = found.filter((f) => f.kind === 'up');
  const downs = found.filter((f) => f.kind === 'down');
  if (ups.length !== 1 || downs.length > 1) {
    throw new ConfigError(
      `${file}: a dbmate migration needs exactly one "-- migrate:up" and at most one "-- migrate:down"`,
    );
  }
  const make = (at: (typeof found)[number]): SqlSection => {
    const next = found.find((f) => f.line > at.line);
    const body = lines.slice(at.line, next ? next.line - 1 : lines.length).join('\n');
    return { text: body, line: at.line + 1, file, transaction: !/\btransaction:false\b/.test(at.options) };
  };
  return { up: make(ups[0]!), down: downs[0] ? make(downs[0]) : null };
}
