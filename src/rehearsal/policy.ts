/**
 * The rehearsal's policy knobs that live in the project rather than in flags: a migration that
 * accepts its lock hazards says so in its own source, with a reason, in any tool's comment syntax
 * (`-- schemagate:hazard-ok the table has 40 rows`, `# schemagate:hazard-ok ...`, `// ...`), like
 * the SQL files' irreversible marker; the reviewer sees the reason in the comment.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const MARKER = /schemagate:hazard-ok\b[ \t:]*([^\r\n]*)/;

/** The reason a migration's source gives for accepting its hazards: '' when it gives none; null without the marker. */
export function hazardOkReason(source: string): string | null {
  const found = MARKER.exec(source);
  if (!found) return null;
  // Strip what closes a block comment or a Python docstring on the same line.
  return found[1]!.replace(/\s*(\*\/|"""|''')\s*$/, '').trim();
}

/** Reads the marker from the migration's file (relative to the project root); null when absent or unreadable. */
export function hazardOkReader(cwd: string): (file: string) => Promise<string | null> {
  return async (file) => {
    try {
      return hazardOkReason(await readFile(path.resolve(cwd, file), 'utf8'));
    } catch {
      return null;
    }
  };
}
