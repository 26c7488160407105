import type { ThrowawayDatabase } from '../databases/provider.js';
import { MigrationError, serverDiagnostics } from '../errors.js';
import type { Logger } from '../log.js';
import { maskerFor } from '../models/command-models.js';
import type { Migration, StepResult } from './migrator.js';
import { attribution, captureOutput, type StepOutput } from './output.js';

/** What failed in a step, in the tool's terms: the server's line, the statement and the driver's error. */
export interface StepFailure {
  message: string;
  statement: string | null;
  code: string | null;
  /** The driver's own error (node-postgres, mysql2), for DETAIL, HINT and SQLSTATE. */
  driverError: unknown;
}

/**
 * One step of an in-process JS migration tool (node-pg-migrate, Sequelize): runs `run` with what the
 * migration prints captured into the step (output.ts), and turns a failure into a MigrationError
 * that carries the statements that ran before it. `statements` is the caller's capture of the SQL
 * sent to the server, filled while `run` runs; the failing statement, when it is the last one
 * captured, is reported as the error's `statement` only.
 */
export async function runJsStep(args: {
  db: ThrowawayDatabase;
  migration: Migration;
  direction: 'up' | 'down';
  log: Logger;
  statements: string[];
  run: () => Promise<void>;
  failure: (error: unknown) => StepFailure;
}): Promise<StepResult> {
  const { migration, direction, statements } = args;
  const mask = maskerFor(args.db);
  let printed: StepOutput = { output: [] };
  const keep = (o: StepOutput) => {
    printed = { output: o.output.map(mask), outputOmitted: o.outputOmitted };
  };
  const live = (line: string) => args.log.debug(`${attribution(migration.name, direction)} ${mask(line)}`);
  try {
    await captureOutput(args.run, keep, live);
    return { statements: [...statements], ...printed };
  } catch (error) {
    const f = args.failure(error);
    throw new MigrationError(mask(f.message), f.statement, f.code, {
      cause: error,
      executed:
        f.statement !== null && statements.at(-1) === f.statement ? statements.slice(0, -1) : [...statements],
      ...serverDiagnostics(f.driverError),
      ...printed,
    });
  }
}

export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
