import type { EngineName } from '../../schema/model.js';

/**
 * Server-level operations a provider needs from an engine: read the version, create and drop
 * throwaway databases. One implementation per engine family, chosen by engine name.
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
  close(): Promise<void>;
}

export function familyOf(engine: EngineName): 'postgres' | 'mysql' {
  return engine === 'postgres' ? 'postgres' : 'mysql';
}

/** Replaces the database part of a server URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
