import type { Server, ThrowawayDatabase } from '../databases/provider.js';
import type { ChangeTracker, DdlTrial, Dialect, Introspector } from '../dialects/dialect.js';
import type { Migrator, MigratorSession } from '../migrators/migrator.js';
import type { Rehearsal } from '../rehearsal/rehearsal.js';
import { FULL_SCOPE, type Schema, type Scope } from '../schema/model.js';

/**
 * One throwaway database with everything bound to it: the migrator's session, an introspector and,
 * where the server allows it, a change tracker that scopes each snapshot to what the step touched.
 */
export interface Workspace {
  db: ThrowawayDatabase;
  session: MigratorSession;
  introspector: Introspector;
  tracker: (ChangeTracker & { close(): Promise<void> }) | null;
  /** Rows, lock and content measurement (--rows); null when the run does not rehearse with rows. */
  rehearsal: Rehearsal | null;
  /** Clears the tracker before a step. */
  begin(): Promise<void>;
  /**
   * What the steps since begin() touched (everything when there is no tracker), and a snapshot of
   * it: full when the scope is everything.
   */
  snapshotTouched(): Promise<{ scope: Scope; schema: Schema }>;
  snapshot(scope?: Scope): Promise<Schema>;
  /** The engine's DDL can be tried and rolled back (Dialect.transactionalDdl). */
  transactionalDdl: boolean;
  /** Runs DDL on this database and snapshots what it gives (Dialect.tryDdl), with its exclusions. */
  tryDdl(statements: string[], options: { rollBack: boolean }): Promise<DdlTrial>;
  close(): Promise<void>;
}

/** A bare database to try DDL on, where the engine cannot roll DDL back (src/checks/down-fix.ts). */
export interface ScratchDatabase {
  tryDdl(statements: string[]): Promise<DdlTrial>;
  close(): Promise<void>;
}

/** Opens a scratch database on `server`: no migrator session, no tracker, dropped on close. */
export async function openScratch(args: {
  server: Server;
  dialect: Dialect;
  excludeTables: string[];
}): Promise<ScratchDatabase> {
  const db = await args.server.createDatabase('fix proof');
  return {
    tryDdl: (statements) =>
      args.dialect.tryDdl(db.url, statements, { rollBack: false, excludeTables: args.excludeTables }),
    close: () => db.drop(),
  };
}

export async function openWorkspace(args: {
  server: Server;
  dialect: Dialect;
  migrator: Migrator;
  excludeTables: string[];
  purpose: string;
  track: boolean;
  /** Rows per table for the rehearsal; 0 turns it off. */
  rows: number;
}): Promise<Workspace> {
  const db = await args.server.createDatabase(args.purpose);
  const closers: Array<() => Promise<void>> = [() => db.drop()];
  let closing: Promise<void> | null = null;
  // Idempotent: a lane that gives its database up and the run's final sweep may both close it.
  const close = () => {
    closing ??= (async () => {
      for (const c of [...closers].reverse()) await c().catch(() => {});
    })();
    return closing;
  };
  try {
    // The tracker goes in before anything else, so its own objects exist in every snapshot's
    // baseline and the introspector (which excludes them) never sees them appear.
    const tracker =
      args.track && args.server.superuser
        ? await args.dialect.tracker(db.url, { excludeTables: args.excludeTables })
        : null;
    if (tracker) closers.push(() => tracker.close());
    const introspector = await args.dialect.introspector(db.url, { excludeTables: args.excludeTables });
    closers.push(() => introspector.close());
    // Its triggers and tables go in before the migrator's session opens, beside the tracker's, so
    // they exist in every baseline (in the _schemagate schema that no snapshot reads).
    const rehearsal =
      args.rows > 0
        ? await args.dialect.rehearsal(db.url, { rows: args.rows, superuser: args.server.superuser })
        : null;
    if (rehearsal) closers.push(() => rehearsal.close());
    const session = await args.migrator.open(db);
    closers.push(() => session.close());
    return {
      db,
      session,
      introspector,
      tracker,
      rehearsal,
      async begin() {
        await tracker?.reset();
      },
      async snapshotTouched() {
        if (!tracker) return { scope: FULL_SCOPE, schema: await introspector.snapshot() };
        if (tracker.collectSnapshot) {
          const seen = await tracker.collectSnapshot();
          return { scope: seen.scope, schema: seen.schema ?? (await introspector.snapshot()) };
        }
        const scope = await tracker.collect();
        return { scope, schema: await introspector.snapshot(scope) };
      },
      snapshot: (scope) => introspector.snapshot(scope),
      transactionalDdl: args.dialect.transactionalDdl,
      tryDdl: (statements, options) =>
        args.dialect.tryDdl(db.url, statements, { ...options, excludeTables: args.excludeTables }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
