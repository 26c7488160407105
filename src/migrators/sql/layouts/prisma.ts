/**
 * Prisma Migrate: `prisma/migrations/<timestamp>_<name>/migration.sql`, one folder per migration,
 * applied in folder-name order, with `migration_lock.toml` (the provider) beside them. Prisma has
 * no down migrations by design, so each one is declared irreversible: the check warns and does not
 * fail under the default `irreversible: declared`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
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
  files: FoundFile[],
  cwd: string,
  skipped: string[],
): Promise<SqlMigrationFile[]> {
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
