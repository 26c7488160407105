import type { Cleanup } from './databases/cleanup.js';
import type { ThrowawayDatabase } from './databases/provider.js';
import { actualEngine } from './dialects/registry.js';
import type { Migration, Migrator, MigratorSession } from './migrators/migrator.js';

/** How long a stopped run waits for a session to close: a step that never settles never lets it. */
const CLOSE_WAIT_MS = 2_000;

interface Running {
  migration: string;
  step: string;
  where: string;
}

/**
 * Which migration steps are running right now, so that a timeout can say which one hung; and every
 * migrator session registered in the run's Cleanup, so that a stopped run closes them (ends a Python
 * driver's process group, a knex pool) even when the step in them never returns.
 */
export class RunningSteps {
  private readonly running = new Set<Running>();

  /** `002_hang (up, postgres 17.6)`, several joined by `, `; null when no step runs. */
  describe(): string | null {
    if (this.running.size === 0) return null;
    return [...this.running].map((r) => `${r.migration} (${r.step}, ${r.where})`).join(', ');
  }

  /** The migrator, with its sessions tracked. */
  track(migrator: Migrator, cleanup: Cleanup): Migrator {
    return {
      ...migrator,
      list: () => migrator.list(),
      findings: migrator.findings ? () => migrator.findings!() : undefined,
      open: async (db) => this.session(await migrator.open(db), db, cleanup),
    };
  }

  private session(session: MigratorSession, db: ThrowawayDatabase, cleanup: Cleanup): MigratorSession {
    const engine = actualEngine(db.engine, db.serverVersion);
    const where = `${engine} ${db.serverVersion}`;
    const ups = new Map<string, number>();
    // A stopped run does not wait long: the step it abandoned may hold the session forever.
    const unregister = cleanup.add(`migration session on ${db.name}`, () =>
      cleanup.signal.aborted ? settleWithin(session.close(), CLOSE_WAIT_MS) : session.close(),
    );
    const run = async <T>(migration: Migration, step: string, work: () => Promise<T>): Promise<T> => {
      const entry: Running = { migration: migration.name, step, where };
      this.running.add(entry);
      try {
        return await work();
      } finally {
        this.running.delete(entry);
      }
    };
    return {
      up: (m) => {
        const n = (ups.get(m.id) ?? 0) + 1;
        ups.set(m.id, n);
        return run(m, n === 1 ? 'up' : 'up again', () => session.up(m));
      },
      down: (m) => run(m, 'down', () => session.down(m)),
      close: () => unregister(),
    };
  }
}

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
