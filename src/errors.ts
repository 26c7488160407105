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

/** What the server said beyond its one-line message (Postgres DETAIL and HINT, MySQL SQLSTATE and errno). */
export interface ServerDiagnostics {
  detail?: string | null;
  hint?: string | null;
  sqlState?: string | null;
  errno?: number | null;
}

/**
 * A migration's own SQL failed. Carries the statement that was running. Not an exit-2 error: it is a
 * check result. The message is the server's line, then `DETAIL: ...` and `HINT: ...` lines when the
 * server gave them (each flattened to one line), so whoever prints only the message still sees them.
 */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  /** Statements that ran before the failing one (they stay applied where DDL is not transactional). */
  readonly executed: string[];
  readonly detail: string | null;
  readonly hint: string | null;
  readonly sqlState: string | null;
  readonly errno: number | null;
  /** What the migration printed during the failed step (see migrators/output.ts); masked by its migrator. */
  output: string[];
  readonly outputOmitted: number;
  constructor(
    message: string,
    readonly statement: string | null,
    readonly code: string | null = null,
    options?: {
      cause?: unknown;
      executed?: string[];
      output?: string[];
      outputOmitted?: number;
    } & ServerDiagnostics,
  ) {
    const detail = oneLine(options?.detail);
    const hint = oneLine(options?.hint);
    super(
      [message, detail && `DETAIL: ${detail}`, hint && `HINT: ${hint}`].filter(Boolean).join('\n'),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.executed = options?.executed ?? [];
    this.detail = detail;
    this.hint = hint;
    this.sqlState = options?.sqlState ?? null;
    this.errno = options?.errno ?? null;
    this.output = options?.output ?? [];
    this.outputOmitted = options?.outputOmitted ?? 0;
  }
}

/** A server's multi-line DETAIL (one dependent object per line) as one readable line. */
function oneLine(text: string | null | undefined): string | null {
  const flat = text
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ');
  return flat ? flat : null;
}

/** The diagnostics of a node-postgres or mysql2 error, whichever it is. */
export function serverDiagnostics(error: unknown): ServerDiagnostics {
  const e = (error ?? {}) as { detail?: unknown; hint?: unknown; sqlState?: unknown; errno?: unknown };
  // mysql2's errors carry sqlState with errno; a Node socket error's (negative) errno is no server's.
  const sqlState = typeof e.sqlState === 'string' ? e.sqlState : null;
  return {
    detail: typeof e.detail === 'string' ? e.detail : null,
    hint: typeof e.hint === 'string' ? e.hint : null,
    sqlState,
    errno: sqlState && typeof e.errno === 'number' ? e.errno : null,
  };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
