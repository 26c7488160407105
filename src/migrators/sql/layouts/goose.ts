/**
 * goose: `NNNNN_name.sql` (or a timestamp) with `-- +goose Up` and `-- +goose Down` sections.
 * `-- +goose StatementBegin` / `StatementEnd` wrap one statement that holds semicolons (a function
 * body): the block is sent whole, as goose sends it, whatever the splitter would make of it
 * (SqlSection.blocks, split.ts splitSection). `-- +goose NO TRANSACTION` runs both sections outside one.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../../errors.js';
import type { SqlMigrationFile, SqlSection } from '../layouts.js';
import { declared, type FoundFile, rel } from './files.js';

export const GOOSE_FILE = /^(\d+)_(.+)\.sql$/;
const ANNOTATION = /^--\s*\+goose\s+(.+?)\s*$/i;
export const GOOSE_MARKER = /^--\s*\+goose\s+up\b/im;

export async function readGoose(
  files: FoundFile[],
  cwd: string,
  skipped: string[],
): Promise<SqlMigrationFile[]> {
  const out: SqlMigrationFile[] = [];
  for (const f of files) {
    const m = GOOSE_FILE.exec(f.base);
    const text = await readFile(f.absolute, 'utf8');
    if (!m || !GOOSE_MARKER.test(text)) {
      skipped.push(rel(cwd, f.absolute));
      continue;
    }
    const sections = parseGoose(text, rel(cwd, f.absolute));
    const id = f.base.replace(/\.sql$/i, '');
    out.push({
      layout: 'goose',
      id,
      name: id,
      version: m[1]!,
      up: sections.up,
      down: sections.down,
      ...declared(text),
    });
  }
  return out;
}

/** Splits a goose file at its annotations; the down is null when the file has no Down section. */
export function parseGoose(text: string, file: string): { up: SqlSection; down: SqlSection | null } {
  const lines = text.split('\n');
  const marks: { kind: 'up' | 'down'; line: number }[] = [];
  let transaction = true;
  let openBlock: number | null = null;
  const blocks: { from: number; to: number }[] = [];
  lines.forEach((l, k) => {
    const m = ANNOTATION.exec(l.trimEnd());
    if (!m) return;
    const word = m[1]!.toLowerCase();
    if (word === 'up' || word === 'down') {
      if (openBlock !== null) throw unclosed(file, openBlock);
      marks.push({ kind: word, line: k + 1 });
    } else if (word === 'no transaction') transaction = false;
    else if (word === 'statementbegin') {
      if (openBlock !== null) throw unclosed(file, openBlock);
      openBlock = k + 1;
    } else if (word === 'statementend') {
      if (openBlock === null)
        throw new ConfigError(`${file}:${k + 1}: "-- +goose StatementEnd" without a StatementBegin`);
      // The statement is the lines between the two markers.
      blocks.push({ from: openBlock + 1, to: k });
      openBlock = null;
    }
  });
  if (openBlock !== null) throw unclosed(file, openBlock);
  const ups = marks.filter((x) => x.kind === 'up');
  const downs = marks.filter((x) => x.kind === 'down');
  if (ups.length !== 1 || downs.length > 1) {
    throw new ConfigError(
      `${file}: a goose migration needs exactly one "-- +goose Up" and at most one "-- +goose Down"`,
    );
  }
  const make = (at: (typeof marks)[number]): SqlSection => {
    const next = marks.find((x) => x.line > at.line);
    const end = next ? next.line - 1 : lines.length;
    const body = lines.slice(at.line, end).join('\n');
    const inside = blocks.filter((b) => b.from > at.line && b.to <= end);
    return {
      text: body,
      line: at.line + 1,
      file,
      transaction,
      ...(inside.length > 0 ? { blocks: inside } : {}),
    };
  };
  return { up: make(ups[0]!), down: downs[0] ? make(downs[0]) : null };
}

function unclosed(file: string, line: number): ConfigError {
  return new ConfigError(`${file}:${line}: "-- +goose StatementBegin" has no matching StatementEnd`);
}
