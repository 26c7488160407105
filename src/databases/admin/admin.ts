/**
 * Server-level operations a provider needs from an engine: read the version, create and drop
 * throwaway databases. Each engine's descriptor loads its own (src/dialects/<engine>/admin.ts).
 */
export interface ServerAdmin {
  serverVersion(): Promise<string>;
  /** Whether the connected role may create event triggers (Postgres superuser). */
  isSuperuser(): Promise<boolean>;
  createDatabase(name: string): Promise<void>;
  /** Drops the database even while sessions are still connected to it. */
  dropDatabase(name: string): Promise<void>;
  /** Databases whose names start with the prefix (for leftover counting and sweeping). */
  listDatabases(prefix: string): Promise<string[]>;
  /**
   * Makes this connection the live owner named `owner` for as long as it stays open (Postgres: its
   * application_name; MySQL/MariaDB: a GET_LOCK named so). A killed run's connection closes with it,
   * which is how the next run tells its databases from those of a run still going.
   */
  claim(owner: string): Promise<void>;
  /** Whether some connection still holds the owner name `owner` (on any session of the server). */
  ownerAlive(owner: string): Promise<boolean>;
  /**
   * Cancels the statements other sessions are running in these databases (pg_cancel_backend, KILL
   * QUERY), so a migration that sleeps on the server fails at once instead of finishing its sleep.
   */
  cancelQueries(databases: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Replaces the database part of a server URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
