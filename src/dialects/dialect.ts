import type { Rehearsal, RehearsalOptions } from '../rehearsal/rehearsal.js';
import type { EngineName, Schema, Scope } from '../schema/model.js';

/** The bookkeeping tables that migration tools keep: never part of the compared schema. */
export const BOOKKEEPING_TABLES = [
  'knex_migrations',
  'knex_migrations_lock',
  'alembic_version',
  'django_migrations',
  'schema_migrations',
  'flyway_schema_history',
  'schemagate_migrations',
];

/** A connection to one throwaway database that can take snapshots of its schema. */
export interface Introspector {
  /** Full snapshot, or only the objects in `scope` (see Scope). */
  snapshot(scope?: Scope): Promise<Schema>;
  close(): Promise<void>;
}

/**
 * Records which objects DDL touched since `reset`, so that a step's snapshot can be scoped to them.
 * Postgres does this with an event trigger; engines that cannot have no tracker.
 */
export interface ChangeTracker {
  /** Forget what was recorded so far. */
  reset(): Promise<void>;
  /**
   * Every object touched since the last reset (the record accumulates: collecting does not clear
   * it), as a scope; `{all: true}` when unknown.
   */
  collect(): Promise<Scope>;
  /**
   * collect() and a snapshot of that scope at once, where the dialect can save round trips that
   * way. `schema` is null when the scope is `all`: the caller takes the full snapshot.
   */
  collectSnapshot?(): Promise<{ scope: Scope; schema: Schema | null }>;
}

export interface IntrospectOptions {
  /** Extra table names (unqualified) to leave out, besides BOOKKEEPING_TABLES. */
  excludeTables?: string[];
}

export interface Dialect {
  engine: EngineName;
  introspector(url: string, options?: IntrospectOptions): Promise<Introspector>;
  /** Installs change tracking in the database when the server allows it; null otherwise. */
  tracker(
    url: string,
    options?: IntrospectOptions,
  ): Promise<(ChangeTracker & { close(): Promise<void> }) | null>;
  /** Opens the rehearsal with rows (src/rehearsal/rehearsal.ts) on the database. */
  rehearsal(url: string, options: RehearsalOptions): Promise<Rehearsal>;
  /**
   * Whether DDL runs inside a transaction that can be rolled back (Postgres), so that `tryDdl` can
   * leave the database as it was; false where each DDL statement commits (MySQL, MariaDB).
   */
  transactionalDdl: boolean;
  /**
   * Runs DDL statements one by one on its own connection and snapshots the schema they give (the
   * proof of a down's fix, src/checks/down-fix.ts). With `rollBack` (only where `transactionalDdl`)
   * the statements and the snapshot run in one transaction that is then rolled back.
   */
  tryDdl(url: string, statements: string[], options: DdlTrialOptions): Promise<DdlTrial>;
}

export interface DdlTrialOptions extends IntrospectOptions {
  rollBack: boolean;
}

/** What `tryDdl` found: the schema the statements gave, or the statement the server refused. */
export type DdlTrial =
  | { schema: Schema; failed?: undefined }
  | { schema?: undefined; failed: { statement: string; message: string } };
