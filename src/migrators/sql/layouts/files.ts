/** What every layout reader shares: the files found in the migrations folder and how to read one. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { irreversibleMarker } from '../irreversible-marker.js';
import type { SqlMigrationFile, SqlSection } from '../layouts.js';

export interface FoundFile {
  absolute: string;
  base: string;
  /** In the folder itself rather than a subfolder: only Flyway and Prisma look into subfolders. */
  top: boolean;
  /** The migrations folder it was found in (absolute). */
  folder: string;
}

/** The `-- schemagate:irreversible` declaration of `text`, spread into a SqlMigrationFile. */
export function declared(text: string): Pick<SqlMigrationFile, 'irreversible'> {
  const marker = irreversibleMarker(text);
  return marker ? { irreversible: marker } : {};
}

/** A whole file as one section. */
export async function section(f: FoundFile, cwd: string, transaction: boolean): Promise<SqlSection> {
  return { text: await readFile(f.absolute, 'utf8'), line: 1, file: rel(cwd, f.absolute), transaction };
}

export function rel(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
