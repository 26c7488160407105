/**
 * Prisma Migrate: `prisma/migrations/<timestamp>_<name>/migration.sql`, one folder per migration,
 * applied in folder-name order, with `migration_lock.toml` (the provider) beside them. Prisma has
 * no down migrations by design: each one is declared irreversible here, and sql-files.ts marks the
 * migrations up-only, so only the up's checks apply and the report says once that there are no downs.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, type EngineName } from '../../../dialects/registry.js';
import { ConfigError } from '../../../errors.js';
import type { SqlMigrationFile } from '../layouts.js';
import { type FoundFile, rel, section } from './files.js';

export const PRISMA_REASON = 'Prisma Migrate has no down migrations';
const PRISMA_FOLDER = /^(\d+)_(.+)$/;

/** A Prisma folder: its lock file, or a `<timestamp>_<name>/migration.sql` directly under it. */
export async function isPrisma(folders: string[], files: FoundFile[]): Promise<boolean> {
  for (const folder of folders) {
    if ((await stat(path.join(folder, 'migration_lock.toml')).catch(() => null))?.isFile()) return true;
  }
  return files.some((f) => prismaFolder(f) !== null);
}

function prismaFolder(f: FoundFile): RegExpExecArray | null {
  if (f.base !== 'migration.sql') return null;
  const parent = path.dirname(f.absolute);
  if (path.resolve(path.dirname(parent)) !== path.resolve(f.folder)) return null;
  return PRISMA_FOLDER.exec(path.basename(parent));
}

export async function readPrisma(
  folders: string[],
  files: FoundFile[],
  cwd: string,
  skipped: string[],
  engines: readonly EngineName[],
): Promise<SqlMigrationFile[]> {
  for (const folder of folders) await checkProvider(folder, cwd, engines);
  const out: SqlMigrationFile[] = [];
  for (const f of files) {
    const m = prismaFolder(f);
    if (!m) {
      skipped.push(rel(cwd, f.absolute));
      continue;
    }
    out.push({
      layout: 'prisma',
      id: m[0],
      name: m[0],
      version: m[1]!,
      up: await section(f, cwd, true),
      down: null,
      irreversible: { reason: PRISMA_REASON },
    });
  }
  return out;
}

/**
 * Prisma refuses to migrate a database of another provider than the lock file's (P3019), and the
 * SQL is written for that provider: an engine of another family would only fail on the first
 * statement. Prisma's `postgresql` and `mysql` are the SQLAlchemy names the descriptors hold.
 */
async function checkProvider(folder: string, cwd: string, engines: readonly EngineName[]): Promise<void> {
  const lock = path.join(folder, 'migration_lock.toml');
  const text = await readFile(lock, 'utf8').catch(() => null);
  const provider = text && /^\s*provider\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  if (!provider) return;
  const other = engines.find((e) => ENGINES[e].sqlalchemyDialect !== provider);
  if (other) {
    throw new ConfigError(
      `${rel(cwd, lock)} says provider = "${provider}", but this run checks ${ENGINES[other].title}: the migrations are written for ${provider}; pass an --engine of that family`,
    );
  }
}
