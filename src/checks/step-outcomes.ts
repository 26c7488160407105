/**
 * What a step-check says about a step that failed, and the re-apply's fingerprint: small rules
 * step-check.ts applies to every migration, kept apart so that file reads as the sequence of checks.
 */
import { errorMessage, MigrationError, SchemagateError } from '../errors.js';
import type { StepResult } from '../migrators/migrator.js';
import type { CheckResult } from '../report/model.js';
import { diff } from '../schema/diff.js';
import type { Difference } from '../schema/difference.js';
import type { Schema } from '../schema/model.js';
import { summarise } from './difference-text.js';
import type { Workspace } from './workspace.js';

/**
 * Where DDL is not transactional (MySQL, MariaDB, or a migration that runs outside a transaction),
 * what ran before the failing statement stays: the report lists it, so nobody has to guess what a
 * half-applied migration did to production.
 */
export async function reportLeftBehind(ws: Workspace, before: Schema, check: CheckResult): Promise<void> {
  let left: Difference[];
  try {
    left = diff(before, await ws.snapshot());
  } catch {
    return; // never hide the up's own error behind a snapshot failure
  }
  if (left.length === 0) return;
  check.differences = left;
  check.message = `${check.message}; what ran before it stays applied: ${summarise(left, 'before up', 'after the failed up')}`;
}

/**
 * Procedural blocks can decide at run time what DDL to run (on the clock, on data): the same text
 * proves nothing for them, so they always get the snapshot.
 */
const PROCEDURAL = /^\s*(do|call|execute)\b/i;

/**
 * The statements a step really sent the server: its shown statements when the migrator captures
 * them as they ran (knex, SQL files), else what it captured beside the SQL it shows (Alembic and
 * Django show rendered SQL), else null.
 */
export function ran(result: StepResult, capturesExecutedSql: boolean): string[] | null {
  return capturesExecutedSql ? result.statements : (result.executed ?? null);
}

export function sameDeterministicSql(first: string[], second: string[]): boolean {
  return (
    first.length === second.length &&
    first.every((statement, i) => statement === second[i] && !PROCEDURAL.test(statement))
  );
}

/** What a failed step sent the server: the statements before the failing one, then that one. */
export function statementsOf(error: unknown): string[] {
  if (!(error instanceof MigrationError)) return [];
  return [...error.executed, ...(error.statement ? [error.statement] : [])];
}

/** An interrupted run or a project that cannot be loaded is not the migration's fault: let it through. */
export function rethrowIfNotMigration(error: unknown, signal: AbortSignal): void {
  if (signal.aborted || error instanceof SchemagateError) throw error;
}

export function failure(check: CheckResult['check'], what: string, error: unknown): CheckResult {
  if (error instanceof MigrationError) {
    return {
      check,
      status: 'fail',
      message: `${what}: ${error.message}`,
      error: {
        message: error.message,
        statement: error.statement,
        code: error.code,
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.hint ? { hint: error.hint } : {}),
        ...(error.sqlState ? { sqlState: error.sqlState, errno: error.errno } : {}),
      },
    };
  }
  return {
    check,
    status: 'fail',
    message: `${what}: ${errorMessage(error)}`,
    error: { message: errorMessage(error) },
  };
}
