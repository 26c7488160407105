/**
 * The file behind one item of a custom knex migrationSource, so that the report and the annotations
 * point at the migration rather than at the knexfile. Sources describe their items in a few common
 * shapes: knex's own and Wiki.js 2.x's `{ file, directory }` (Wiki.js's `file` has no extension),
 * `{ path }` or `{ filename }`, or plain strings, and names that are paths relative to the knexfile
 * or to the configured migrations folder. Nothing is guessed beyond a file that exists.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { KnexSettings } from './knexfile.js';

const FILE_FIELDS = ['path', 'filePath', 'filepath', 'filename', 'fileName', 'file', 'name'] as const;
const DIRECTORY_FIELDS = ['directory', 'dir', 'folder'] as const;
const EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts'];

/** The absolute path of the item's file, or null when nothing about it leads to one. */
export function sourceFile(
  item: unknown,
  name: string,
  settings: Pick<KnexSettings, 'knexfile' | 'directories' | 'loadExtensions'>,
): string | null {
  const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
  const directory = DIRECTORY_FIELDS.map((f) => record[f]).find((v): v is string => typeof v === 'string');
  const names = [
    ...(typeof item === 'string' ? [item] : []),
    ...FILE_FIELDS.map((f) => record[f]).filter((v): v is string => typeof v === 'string' && v !== ''),
    name,
  ];
  const bases = [
    ...(directory ? [directory] : []),
    ...(settings.knexfile ? [path.dirname(settings.knexfile)] : []),
    ...settings.directories,
  ];
  const extensions = ['', ...new Set([...settings.loadExtensions, ...EXTENSIONS])];
  for (const candidate of names) {
    for (const base of path.isAbsolute(candidate) ? [''] : bases) {
      for (const extension of extensions) {
        const file = path.resolve(base, `${candidate}${extension}`);
        if (isFile(file)) return file;
      }
    }
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
