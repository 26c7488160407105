/**
 * What every engine's models-file runner (src/dialects/<engine>/schema-script.ts) shares: its type,
 * and how an error in a models file is located and explained.
 */
import type { Logger } from '../log.js';

/** 1-based line and column of a 0-based character offset in `text`. */
export function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** A statement's first line, shortened, for a log line. */
export function firstLine(sql: string): string {
  const line = sql.split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** What to do about a models file that fails on the empty database. */
export function hintFor(message: string): string {
  if (/role .* does not exist/i.test(message)) {
    return 'dump the schema without owners and grants (pg_dump --schema-only --no-owner --no-privileges)';
  }
  return 'fix the models file so that it runs on an empty database';
}

/** Runs one models file on the empty database; errors name the file and the line. */
export type SchemaScriptRunner = (args: {
  url: string;
  name: string;
  text: string;
  log: Logger;
}) => Promise<void>;
