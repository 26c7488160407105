/**
 * Drizzle Kit: `drizzle/NNNN_tag.sql`, statements separated by `--> statement-breakpoint` lines, in
 * the order of `meta/_journal.json` (its entries' `tag`s); files the journal does not name are not
 * migrations to drizzle-kit. Drizzle has no down migrations by design: up-only, as Prisma's are
 * (see prisma.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../../errors.js';
import type { SqlMigrationFile, SqlSection } from '../layouts.js';
import { type FoundFile, rel } from './files.js';

export const DRIZZLE_REASON = 'Drizzle Kit has no down migrations';
const BREAKPOINT = /-->[ \t]*statement-breakpoint[ \t]*$/gm;

const journalOf = (folder: string) => path.join(folder, 'meta', '_journal.json');

export async function isDrizzle(folders: string[]): Promise<boolean> {
  for (const folder of folders) {
    if ((await stat(journalOf(folder)).catch(() => null))?.isFile()) return true;
  }
  return false;
}

export async function readDrizzle(
  folders: string[],
  files: FoundFile[],
  cwd: string,
  skipped: string[],
): Promise<SqlMigrationFile[]> {
  const out: SqlMigrationFile[] = [];
  const named = new Set<string>();
  for (const folder of folders) {
    const tags = await journalTags(folder, cwd);
    for (const tag of tags) {
      const file = path.join(folder, `${tag}.sql`);
      const text = await readFile(file, 'utf8').catch(() => {
        throw new ConfigError(
          `${rel(cwd, journalOf(folder))} names ${tag}, but ${rel(cwd, file)} does not exist`,
        );
      });
      named.add(path.resolve(file));
      out.push({
        layout: 'drizzle',
        id: tag,
        name: tag,
        // The journal's order, not the file name's: drizzle-kit applies entries as listed.
        version: String(out.length),
        up: drizzleSection(text, rel(cwd, file)),
        down: null,
        irreversible: { reason: DRIZZLE_REASON },
      });
    }
  }
  for (const f of files) if (!named.has(path.resolve(f.absolute))) skipped.push(rel(cwd, f.absolute));
  return out;
}

/** The journal's tags in its entries' order (by `idx`, which drizzle-kit writes in order anyway). */
export async function journalTags(folder: string, cwd: string): Promise<string[]> {
  const file = journalOf(folder);
  let journal: unknown;
  try {
    journal = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${rel(cwd, file)} is not readable JSON: ${(error as Error).message}`);
  }
  const entries = (journal as { entries?: unknown }).entries;
  if (!Array.isArray(entries) || entries.some((e) => typeof e?.tag !== 'string')) {
    throw new ConfigError(`${rel(cwd, file)}: expected {"entries": [{"idx": 0, "tag": "0000_name"}, ...]}`);
  }
  return [...(entries as { idx?: number; tag: string }[])]
    .map((e, k) => ({ idx: typeof e.idx === 'number' ? e.idx : k, tag: e.tag }))
    .sort((a, b) => a.idx - b.idx)
    .map((e) => e.tag);
}

/**
 * A breakpoint (on its own line, or after a statement's `;`) becomes a `;`: the statement before it
 * ends there even without its own semicolon, lines keep their numbers, and MySQL (where `-->` is no
 * comment) never sees it. The splitter drops the empty statement.
 */
export function drizzleSection(text: string, file: string): SqlSection {
  return { text: text.replace(BREAKPOINT, ';'), line: 1, file, transaction: true };
}
