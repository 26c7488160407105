import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type ContainerRuntimeClient, ImageName, type StartedTestContainer } from 'testcontainers';
import { AbortedError, InfraError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { EngineName } from '../../schema/model.js';
import type { Cleanup } from '../cleanup.js';
import type { EngineContainer } from './engine-containers.js';
import { LABEL_CONTAINER, LABEL_ENGINE, LABEL_RUN, labelFilter } from './labels.js';
import { listByLabel, removeByLabel } from './leftovers.js';
import { firstLine } from './runtime.js';

export interface StartArgs {
  client: ContainerRuntimeClient;
  engine: EngineName;
  image: string;
  spec: EngineContainer;
  runId: string;
  startupTimeoutMs: number;
  cleanup: Cleanup;
  log: Logger;
  signal: AbortSignal;
}

export interface TrackedContainer {
  started: StartedTestContainer;
  /** Removes the container (and unregisters it from the Cleanup). Idempotent. */
  release: () => Promise<void>;
}

/** How often the watchdog asks Docker whether the starting container is still running. */
const WATCH_INTERVAL_MS = 500;
/** How long a release waits for an interrupted start to notice its container is gone. */
const SETTLE_WAIT_MS = 5_000;

/** Pulls the image unless Docker has it; a failed pull is a one-line InfraError that suggests a mirror. */
export async function ensureImage(
  args: Pick<StartArgs, 'client' | 'engine' | 'image' | 'log'>,
): Promise<void> {
  const name = ImageName.fromString(args.image);
  if (await args.client.image.exists(name)) return;
  args.log.progress(`pulling ${args.image}`);
  try {
    await args.client.image.pull(name);
  } catch (error) {
    throw new InfraError(
      `image ${args.image} could not be pulled: ${firstLine(error)}; use --image ${args.engine}=IMAGE to point to a mirror or a private registry`,
      { cause: error },
    );
  }
}

/**
 * Starts one container and registers it in the Cleanup BEFORE it exists: each container carries a label of
 * its own, and the registered release removes whatever carries that label. So a run interrupted in the middle
 * of a start (SIGTERM while testcontainers waits for the server) still leaves nothing behind, with no reaper.
 * A watchdog fails the start at once when the container exits instead of waiting for the time-out.
 */
export async function startTracked(args: StartArgs): Promise<TrackedContainer> {
  const { client, engine, image, log, signal } = args;
  if (signal.aborted) throw new AbortedError(`interrupted before ${image} started`);
  await ensureImage(args);
  if (signal.aborted) throw new AbortedError(`interrupted before ${image} started`);

  const key = randomUUID();
  const own = labelFilter(LABEL_CONTAINER, key);
  const tail = new LogTail();
  const container = args.spec.container
    .withLabels({ [LABEL_RUN]: args.runId, [LABEL_CONTAINER]: key, [LABEL_ENGINE]: engine })
    // schemagate removes its containers itself; the reaper (Ryuk) is often unavailable and must not be needed.
    .withAutoCleanup(false)
    .withStartupTimeout(args.startupTimeoutMs)
    .withLogConsumer((stream) => tail.follow(stream));

  let starting: Promise<StartedTestContainer> = Promise.reject(new Error('not started'));
  starting.catch(() => {});
  let released = false;
  const release = args.cleanup.add(`docker container ${image} (${engine})`, async () => {
    released = true;
    await removeByLabel(client, own);
    // A create request may still be on its way; once the start settles, nothing new can appear.
    await settleWithin(starting, SETTLE_WAIT_MS);
    await removeByLabel(client, own);
  });

  let exited: string | null = null;
  const watchdog = watch(client, own, (why) => {
    exited = why;
    void release().catch(() => {});
  });
  const onAbort = () => void release().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  log.progress(`starting ${engine} container ${image}`);
  try {
    starting = container.start();
    const started = await starting;
    if (released) throw new AbortedError(`interrupted while ${image} was starting`);
    return { started, release };
  } catch (error) {
    await release().catch(() => {});
    if (signal.aborted || (released && exited === null)) {
      throw new AbortedError(`interrupted while ${image} was starting`, { cause: error });
    }
    const last = tail.last();
    const lastLog = last ? ` (last log line: "${last}")` : '';
    if (exited !== null) {
      throw new InfraError(
        `container ${image} (${engine}) ${exited} during start-up${lastLog}: check that ${image} is a ${engine} server image and accepts the standard ${engine} environment variables`,
        { cause: error },
      );
    }
    throw new InfraError(
      `container ${image} (${engine}) did not become ready within ${Math.round(args.startupTimeoutMs / 1000)} s${lastLog}: ` +
        `check that ${image} is a ${engine} server image, and that Docker has enough memory and CPU (docker stats)`,
      { cause: error },
    );
  } finally {
    watchdog.stop();
    signal.removeEventListener('abort', onAbort);
  }
}

/** Resolves when the promise settles or the time is up, whichever comes first; never rejects. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.then(
      () => {},
      () => {},
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** Polls the container's state while it starts; calls `onExit` once if it stops running. */
function watch(
  client: ContainerRuntimeClient,
  label: string,
  onExit: (why: string) => void,
): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const [c] = await listByLabel(client, label);
      if (stopped) return;
      if (c && (c.state === 'exited' || c.state === 'dead')) {
        stopped = true;
        const code = await client.container.dockerode
          .getContainer(c.id)
          .inspect()
          .then((info) => info.State.ExitCode)
          .catch(() => null);
        onExit(code === null ? 'exited' : `exited with code ${code}`);
        return;
      }
    } catch {
      // Docker hiccup: the start itself will report it.
    }
    if (!stopped) timer = setTimeout(tick, WATCH_INTERVAL_MS);
  };
  timer = setTimeout(tick, WATCH_INTERVAL_MS);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Keeps the container's last few log lines, to say in an error what the server said last. */
class LogTail {
  private readonly lines: string[] = [];

  follow(stream: Readable): void {
    stream.on('data', (chunk: Buffer | string) => {
      for (const line of chunk.toString().split('\n')) {
        const trimmed = line.trim();
        if (trimmed) this.lines.push(trimmed);
      }
      this.lines.splice(0, Math.max(0, this.lines.length - 20));
    });
    stream.on('error', () => {});
  }

  last(max = 160): string | null {
    const line = this.lines.at(-1);
    if (!line) return null;
    const clean = line.replaceAll('"', "'");
    return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  }
}
