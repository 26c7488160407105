/**
 * Named failures. Only the entrypoints turn these into messages and exit codes: 2 for anything that
 * stopped schemagate from checking (usage, configuration, infrastructure), 1 for a check that failed.
 */

export abstract class SchemagateError extends Error {
  abstract readonly exitCode: number;
  /** A one-line hint that says what to do about it. */
  readonly hint?: string;
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options?.hint;
  }
}

/** A flag, input or config key is wrong. Names the flag or key. */
export class UsageError extends SchemagateError {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** The project's files are wrong: missing migrations folder, unloadable knexfile, syntax error. */
export class ConfigError extends SchemagateError {
  override readonly name = 'ConfigError';
  readonly exitCode = 2;
}

/** A database server or Docker could not be started, reached or cleaned up. */
export class InfraError extends SchemagateError {
  override readonly name = 'InfraError';
  readonly exitCode = 2;
}

/** The run was interrupted (SIGINT/SIGTERM) or timed out. */
export class AbortedError extends SchemagateError {
  override readonly name = 'AbortedError';
  readonly exitCode = 2;
}

/** The run's --timeout ran out; the message names the steps that were running. */
export class RunTimeoutError extends AbortedError {}

/** A migration's own SQL failed. Carries the statement that was running. Not an exit-2 error: it is a check result. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  /** Statements that ran before the failing one (they stay applied where DDL is not transactional). */
  readonly executed: string[];
  constructor(
    message: string,
    readonly statement: string | null,
    readonly code: string | null = null,
    options?: { cause?: unknown; executed?: string[] },
  ) {
    super(message, options);
    this.executed = options?.executed ?? [];
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
