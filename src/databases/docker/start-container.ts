import { randomUUID } from 'node:crypto';
import { type ContainerRuntimeClient, ImageName, type StartedTestContainer } from 'testcontainers';
import { AbortedError, InfraError, RunTimeoutError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { EngineName } from '../../schema/model.js';
import type { Cleanup } from '../cleanup.js';
import type { EngineContainer } from './engine-containers.js';
import { HealthyWait } from './healthy-wait.js';
import { LABEL_CONTAINER, LABEL_ENGINE, LABEL_RUN, labelFilter } from './labels.js';
import { ownerLabels, removeByLabel } from './leftovers.js';
import { exitedOnItsOwn, LogTail, lastLogLine } from './post-mortem.js';
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
 * A container that quits while starting is reported with its exit code and last log line.
 */
export async function startTracked(args: StartArgs): Promise<TrackedContainer> {
  const { client, engine, image, log, signal } = args;
  if (signal.aborted) throw new AbortedError(`interrupted before ${image} started`);
  await ensureImage(args);
  if (signal.aborted) throw new AbortedError(`interrupted before ${image} started`);

  const key = randomUUID();
  const own = labelFilter(LABEL_CONTAINER, key);
  const tail = new LogTail();
  let released = false;
  const container = args.spec.container
    .withLabels({
      [LABEL_RUN]: args.runId,
      [LABEL_CONTAINER]: key,
      [LABEL_ENGINE]: engine,
      ...ownerLabels(),
    })
    // schemagate removes its containers itself; the reaper (Ryuk) is often unavailable and must not be needed.
    .withAutoCleanup(false)
    // Docker's health status, with no exec into the container, and stopping once the container is released.
    .withWaitStrategy(new HealthyWait(() => released || signal.aborted))
    .withStartupTimeout(args.startupTimeoutMs)
    .withLogConsumer((stream) => tail.follow(stream));

  let starting: Promise<StartedTestContainer> = Promise.reject(new Error('not started'));
  starting.catch(() => {});
  // One removal, however many ways ask for it (abort, failure, the Cleanup): each caller awaits it.
  let removal: Promise<void> | null = null;
  const removeOwn = () =>
    (removal ??= (async () => {
      released = true;
      await removeByLabel(client, own);
      // A create request may still be on its way; once the start settles, nothing new can appear.
      await settleWithin(starting, SETTLE_WAIT_MS);
      await removeByLabel(client, own);
    })());
  const unregister = args.cleanup.add(`docker container ${image} (${engine})`, removeOwn);
  // Removal first, unregistering after: a Cleanup.releaseAll() that runs meanwhile (SIGTERM) still finds the
  // entry and waits for the same removal, instead of finishing (and letting the process exit) too early.
  const release = async () => {
    await removeOwn();
    await unregister();
  };

  // A minute of slack for a Docker host whose clock differs a little; the label is this container's alone.
  const since = Math.floor(Date.now() / 1000) - 60;
  const onAbort = () => void release().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  log.progress(`starting ${engine} container ${image}`);
  const begun = Date.now();
  try {
    // Released already (the run's Cleanup was closed before this start got here): create nothing, since the
    // removal has run and would not run again for a container created after it.
    if (released) throw new AbortedError(`interrupted before ${image} started`);
    starting = container.start();
    const started = await starting;
    if (released) throw new AbortedError(`interrupted while ${image} was starting`);
    return { started, release };
  } catch (error) {
    // Decided before removing anything: whether someone else interrupted the start, and whether it crashed.
    const interrupted = signal.aborted || released;
    const exited = interrupted ? null : await exitedOnItsOwn(client, own, since);
    // The log stream is attached only once the ports are published; a server that quit sooner has said
    // nothing through it, so ask Docker for the container's log while it still exists.
    const last = interrupted ? null : (tail.last() ?? (await lastLogLine(client, own)));
    await release().catch(() => {});
    if (interrupted || error instanceof AbortedError) {
      // The run's --timeout ran out while this server was still starting: say so, since the run's own error
      // can only say that time ran out, not that it was spent waiting for this container.
      if (signal.aborted && signal.reason instanceof RunTimeoutError) {
        log.warn(
          `container ${image} (${engine}) was still not ready after ${Math.round((Date.now() - begun) / 1000)} s when the run timed out, and was removed: check that ${image} is a ${engine} server image`,
        );
      }
      throw new AbortedError(`interrupted while ${image} was starting`, { cause: error });
    }
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
