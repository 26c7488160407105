import { hostname } from 'node:os';
import type { ContainerRuntimeClient } from 'testcontainers';
import { errorMessage, InfraError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { currentOwner, ownerAlive } from '../owner.js';
import { LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_OWNER_START, LABEL_RUN, labelFilter } from './labels.js';
import { connectDocker, firstLine } from './runtime.js';

export interface LabelledContainer {
  id: string;
  image: string;
  /** Docker's state: created, running, exited, removing... */
  state: string;
  labels: Record<string, string>;
}

/** Every container (running or not) that carries the label (`key` or `key=value`). */
export async function listByLabel(
  client: ContainerRuntimeClient,
  label: string,
): Promise<LabelledContainer[]> {
  const found = await client.container.dockerode.listContainers({ all: true, filters: { label: [label] } });
  return found.map((c) => ({ id: c.Id, image: c.Image, state: c.State, labels: c.Labels }));
}

/**
 * Force-removes every container with the label, with its anonymous volumes. A container that is already
 * being removed, or is gone, counts as removed. Returns how many were removed.
 */
export async function removeByLabel(client: ContainerRuntimeClient, label: string): Promise<number> {
  const containers = await listByLabel(client, label);
  await Promise.all(
    containers.map(async (c) => {
      try {
        await client.container.dockerode.getContainer(c.id).remove({ force: true, v: true });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        // 404: gone already; 409: removal already in progress.
        if (status === 404 || status === 409) return;
        throw new InfraError(
          `could not remove container ${c.id.slice(0, 12)} (${c.image}): ${firstLine(error)}`,
          {
            cause: error,
          },
        );
      }
    }),
  );
  return containers.length;
}

/**
 * Removes the containers of one run, or of every schemagate run when no id is given (for example after a
 * process was killed with SIGKILL, which no cleanup survives). Careful: without a run id this also stops the
 * containers of a schemagate run that is still going on the same Docker engine. Returns how many were removed.
 */
export async function removeLeftovers(runId?: string): Promise<number> {
  const client = await connectDocker();
  return removeByLabel(client, labelFilter(LABEL_RUN, runId));
}

/** How many containers of a run (or of any schemagate run) exist, in any state. */
export async function countContainers(runId?: string): Promise<number> {
  const client = await connectDocker();
  return (await listByLabel(client, labelFilter(LABEL_RUN, runId))).length;
}

/** The owner labels for a container this process starts. */
export function ownerLabels(): Record<string, string> {
  const owner = currentOwner();
  return {
    [LABEL_OWNER_PID]: String(owner.pid),
    [LABEL_OWNER_START]: owner.start ?? '',
    [LABEL_OWNER_HOST]: hostname(),
  };
}

/**
 * Removes the containers that runs killed with SIGKILL left: those started on this machine by a
 * process that no longer runs. A container of a live run, one started from another machine (whose
 * processes cannot be seen from here) or one without owner labels is never touched. One log line each.
 */
export async function reapOrphans(client: ContainerRuntimeClient, log: Logger): Promise<void> {
  let containers: LabelledContainer[];
  try {
    containers = await listByLabel(client, LABEL_RUN);
  } catch (error) {
    log.debug(`could not look for containers left by killed runs: ${errorMessage(error)}`);
    return;
  }
  const host = hostname();
  for (const c of containers) {
    const pid = Number(c.labels[LABEL_OWNER_PID]);
    if (c.labels[LABEL_OWNER_HOST] !== host || !Number.isInteger(pid) || pid <= 0) continue;
    if (ownerAlive({ pid, start: c.labels[LABEL_OWNER_START] || null })) continue;
    try {
      await client.container.dockerode.getContainer(c.id).remove({ force: true, v: true });
      log.info(
        `removed container ${c.id.slice(0, 12)} (${c.image}): left by a run (pid ${pid}) that ended without cleaning up`,
      );
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 409) continue;
      log.warn(
        `could not remove container ${c.id.slice(0, 12)} left by an earlier run: ${errorMessage(error)}`,
      );
    }
  }
}
