/**
 * Runs one section of SQL (a migration's up or down text) on a throwaway database, statement by
 * statement, so that a failure names the statement that failed and the line it starts on. How the
 * statements run (in one transaction or one by one) is the engine's: its descriptor loads its runner
 * (src/dialects/<engine>/sql-runner.ts).
 */
import type { ThrowawayDatabase } from '../../databases/provider.js';
import { ENGINES } from '../../dialects/registry.js';
import { MigrationError, serverDiagnostics } from '../../errors.js';
import type { StepResult } from '../migrator.js';
import type { SqlSection } from './layouts.js';

export interface SqlRunner {
  run(section: SqlSection): Promise<StepResult>;
  close(): Promise<void>;
}

export async function openSqlRunner(db: ThrowawayDatabase): Promise<SqlRunner> {
  const open = await ENGINES[db.engine].load.sqlRunner();
  return open(db.url);
}

/** A failed statement as a MigrationError: the server's message with the file and line it starts on. */
export function statementFailure(
  error: unknown,
  statement: string,
  section: SqlSection,
  line: number,
): MigrationError {
  const e = error as { message?: string; sqlMessage?: string; code?: unknown };
  const message = e.sqlMessage ?? e.message ?? String(error);
  const code = typeof e.code === 'string' ? e.code : null;
  // The file and line stay on the message's first line; the server's DETAIL and HINT follow it.
  return new MigrationError(`${message} (${section.file}:${line})`, statement, code, {
    cause: error,
    ...serverDiagnostics(error),
  });
}
