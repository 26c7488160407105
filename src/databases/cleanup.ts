/**
 * Everything schemagate starts (servers, containers, databases, temporary folders) is registered
 * here as it is created and released in reverse order when the run ends: on success, on failure, on
 * timeout, and on SIGINT/SIGTERM. testcontainers' reaper (Ryuk) is often unavailable (disabled on
 * corporate runners, or its image cannot be pulled), so schemagate never relies on it.
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
  private releasing: Promise<string[]> | null = null;
  private closed = false;

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
    return async () => {
      const at = this.resources.indexOf(resource);
      if (at !== -1) this.resources.splice(at, 1);
      await run(resource);
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
