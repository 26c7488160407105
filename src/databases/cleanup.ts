/**
 * Everything schemagate starts (servers, containers, databases, temporary folders, migration
 * sessions) is registered here as it is created and released in reverse order when the run ends: on
 * success, on failure, on timeout, and on SIGINT/SIGTERM. testcontainers' reaper (Ryuk) is often
 * unavailable (disabled on corporate runners, or its image cannot be pulled), so schemagate never
 * relies on it.
 *
 * `stop(reason)` is the one way a run is cut short, for --timeout and for signals alike: it aborts
 * the run's signal, cancels what is running on the servers, and releases everything at once, without
 * waiting for the run to unwind (a migration's promise that never settles never would).
 */

export type Release = () => Promise<void> | void;

interface Resource {
  /** No secrets: shown when a release fails. */
  label: string;
  release: Release;
  /** Set when the release starts; every caller awaits the same one, so none returns early. */
  running?: Promise<void>;
}

function run(resource: Resource): Promise<void> {
  resource.running ??= Promise.resolve().then(resource.release);
  return resource.running;
}

export class Cleanup {
  private readonly resources: Resource[] = [];
  private readonly cancellers = new Set<() => Promise<void>>();
  private readonly controller = new AbortController();
  private releasing: Promise<string[]> | null = null;
  private stopping: Promise<string[]> | null = null;
  private closed = false;
  private onStopped: (reason: Error) => void = () => {};
  /** Settles (rejects with the reason) once stop() has released everything. Never settles otherwise. */
  readonly stopped: Promise<never> = new Promise<never>((_, reject) => {
    this.onStopped = reject;
  });

  constructor() {
    this.stopped.catch(() => {});
  }

  /** Aborted when the run is stopped (timeout, signal); everything the run does listens to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Registers something that cancels work in flight (a statement running on a server) when the run
   * is stopped; it runs before anything is released. Returns a function that unregisters it.
   */
  onStop(cancel: () => Promise<void>): () => void {
    this.cancellers.add(cancel);
    return () => this.cancellers.delete(cancel);
  }

  /**
   * Stops the run: aborts its signal with `reason`, cancels what runs on the servers, then releases
   * everything. Idempotent (the first reason wins). Never throws: returns the labels that failed to
   * release. `stopped` rejects with the reason afterwards.
   */
  stop(reason: Error): Promise<string[]> {
    this.stopping ??= (async () => {
      this.controller.abort(reason);
      await Promise.allSettled([...this.cancellers].map((cancel) => cancel()));
      const failed = await this.releaseAll();
      this.onStopped(reason);
      return failed;
    })();
    return this.stopping;
  }

  /**
   * Registers a resource; returns a function that releases it early (and unregisters it). Whoever
   * releases first does the work; the others wait for it to finish. Something that finishes
   * starting after the run was released (a server whose start was already under way when the run
   * failed) is released at once instead of being leaked.
   */
  add(label: string, release: Release): () => Promise<void> {
    const resource: Resource = { label, release };
    if (this.closed) {
      const late = run(resource).catch(() => {});
      return () => late;
    }
    this.resources.push(resource);
    // Unregistered only once released: a releaseAll() that comes while an early release is still
    // running (a lane dropping its database as the run is stopped) waits for it, instead of
    // returning as if it were done and letting the process exit in the middle of it.
    return async () => {
      try {
        await run(resource);
      } finally {
        const at = this.resources.indexOf(resource);
        if (at !== -1) this.resources.splice(at, 1);
      }
    };
  }

  get size(): number {
    return this.resources.length;
  }

  /** Releases everything, newest first. Never throws: returns the labels that failed to release. */
  releaseAll(): Promise<string[]> {
    this.closed = true;
    this.releasing ??= (async () => {
      const failed: string[] = [];
      while (this.resources.length > 0) {
        const resource = this.resources.pop()!;
        try {
          await run(resource);
        } catch (error) {
          failed.push(`${resource.label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return failed;
    })();
    return this.releasing;
  }
}
