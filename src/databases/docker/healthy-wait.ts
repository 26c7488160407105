import type { BoundPorts, WaitStrategy } from 'testcontainers';

type DockerodeContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

/** How often Docker's view of the container is read while it starts. */
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ready means Docker's own health check says healthy (pg_isready for Postgres, `mariadb-admin ping` /
 * `mysqladmin ping` for MySQL and MariaDB: see src/dialects/mysql/container.ts), read by polling `inspect`.
 *
 * Why not testcontainers' port checks: they `docker exec` into the container, and on Docker 20.10 an exec
 * whose container exits or is removed while it runs can leave its attached stream open forever. That stream
 * keeps the process alive after schemagate has reported the failure (one engine failing while another starts,
 * --timeout, an image that quits). A health check runs inside dockerd, and `inspect` is a plain request.
 *
 * It also stops at once when the container quits (with its exit code) or when `stopped()` says the start is no
 * longer wanted (the container was released: SIGTERM, --timeout, another engine failing).
 */
export class HealthyWait implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  private startupTimeoutSet = false;

  constructor(private readonly stopped: () => boolean) {}

  async waitUntilReady(container: DockerodeContainer, _boundPorts: BoundPorts): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    for (;;) {
      if (this.stopped()) throw new Error('the container was removed while it was starting');
      const { State: state } = await container.inspect();
      if (!state.Running)
        throw new Error(`the container stopped (${state.Status}, exit code ${state.ExitCode})`);
      const health = state.Health?.Status;
      if (health === 'healthy') return;
      if (health === 'unhealthy') throw new Error('the health check failed');
      if (health === undefined) throw new Error('the container has no health check to wait for');
      if (Date.now() >= deadline) throw new Error(`not healthy after ${this.startupTimeoutMs} ms`);
      await sleep(POLL_MS);
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
