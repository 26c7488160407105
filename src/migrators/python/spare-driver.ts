/**
 * One idle driver process, kept after a request that needed no database (listing the revisions,
 * the models' preflight) for the next start that needs one. Starting the project's Python and
 * importing SQLAlchemy and Alembic is most of a driver's start (about 0.3 s of CPU), and it sits on
 * the path to the first migration: the spare has paid it while the server was starting. Taking it
 * binds it to the database (the driver's `bind`), after which it is the same as a fresh driver,
 * because the driver reads its configuration and sets DATABASE_URL only when a session opens.
 *
 * Whoever keeps a spare releases it when the run ends (Migrator.release, ModelSource.release, from
 * the run's Cleanup); an untaken spare also closes itself after a while, so a caller that never
 * releases cannot keep a Python process alive for long.
 */
import type { PythonProcess } from './process.js';

const IDLE_MS = 60_000;

export interface DriverBinding {
  dbUrl: string;
  /** The SQLAlchemy dialect (alembicBackend) or Django ENGINE the database needs. */
  backend: string | null;
}

export class SpareDriver {
  private spare: PythonProcess | null = null;
  private timer: NodeJS.Timeout | null = null;

  /** Keeps `proc` for the next take(); a spare already kept is closed. */
  keep(proc: PythonProcess): void {
    const previous = this.spare;
    this.spare = proc;
    if (previous) void previous.close();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.release(), IDLE_MS);
    this.timer.unref();
  }

  /** The spare bound to the database, or null when there is none (or it cannot be bound). */
  async take(binding: DriverBinding): Promise<PythonProcess | null> {
    const proc = this.spare;
    this.clear();
    if (!proc) return null;
    try {
      await proc.request('bind', { ...binding });
      return proc;
    } catch {
      // A spare that died or refuses is no loss: the caller starts a fresh driver.
      await proc.close();
      return null;
    }
  }

  async release(): Promise<void> {
    const proc = this.spare;
    this.clear();
    await proc?.close();
  }

  private clear(): void {
    this.spare = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
