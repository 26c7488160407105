import type { BoundPorts, WaitStrategy } from 'testcontainers';

/** How long one attempt of the wrapped strategy may poll before the wrapper looks at `stopped` again. */
const SLICE_MS = 2_000;

type DockerodeContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

/**
 * testcontainers' wait strategies poll until their own start-up timeout and cannot be cancelled. When
 * schemagate removes a container that is still starting (SIGTERM, --timeout, or another engine failing
 * first), the port check goes on polling the vanished container for up to the whole timeout (120 s by
 * default) and keeps the process alive long after it has reported the failure.
 *
 * This runs the real strategy in short slices instead: a fresh instance per slice, each with a slice-long
 * timeout, and between slices it stops as soon as `stopped()` says the start is no longer wanted. A slice
 * that fails before its time is up failed for a real reason (the container quit, the health check said
 * unhealthy) and ends the wait at once, as the strategy alone would have.
 */
export class StoppableWait implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  private startupTimeoutSet = false;

  constructor(
    private readonly strategy: () => WaitStrategy,
    private readonly stopped: () => boolean,
    private readonly sliceMs = SLICE_MS,
  ) {}

  async waitUntilReady(
    container: DockerodeContainer,
    boundPorts: BoundPorts,
    startTime?: Date,
  ): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    for (;;) {
      if (this.stopped()) throw new Error('the container was removed while it was starting');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`not ready after ${this.startupTimeoutMs} ms`);
      const slice = Math.min(this.sliceMs, left);
      const begun = Date.now();
      try {
        await this.strategy().withStartupTimeout(slice).waitUntilReady(container, boundPorts, startTime);
        return;
      } catch (error) {
        // Failed early: not the slice running out, so a real failure. Failed at the end of the slice: the
        // server is just not ready yet; try again (the next loop checks `stopped` and the deadline).
        if (Date.now() - begun < slice) throw error;
      }
    }
  }

  withStartupTimeout(startupTimeoutMs: number): WaitStrategy {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
