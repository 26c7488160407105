import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ServerAdmin } from './admin.js';

/**
 * A run owns its databases through one connection it keeps open for as long as it runs (its admin
 * connection, named `schemagate:<run id>`; see ServerAdmin.claim). A run killed with SIGKILL runs no
 * cleanup, but the server closes that connection: a database whose run has no owner connection left
 * belongs to no live run, and the next run on the same server drops it. A live run's databases are
 * never touched, and neither is any database whose name schemagate did not give it.
 */

/** Throwaway database names: `schemagate_<run id>_<n>_<purpose>` (admin-server.ts). */
const OWNED_NAME = /^schemagate_([0-9a-f]{8})_\d+_/;

export function ownerName(runId: string): string {
  return `schemagate:${runId}`;
}

/** Drops the databases of runs that no longer have an owner connection; one log line per database. */
export async function reapStaleDatabases(args: {
  admin: ServerAdmin;
  prefix: string;
  ownRunId: string;
  where: string;
  log: Logger;
}): Promise<void> {
  const { admin, log } = args;
  let names: string[];
  try {
    names = await admin.listDatabases(args.prefix);
  } catch (error) {
    log.debug(`could not look for databases left by killed runs on ${args.where}: ${errorMessage(error)}`);
    return;
  }
  const alive = new Map<string, boolean>();
  for (const name of names) {
    const runId = OWNED_NAME.exec(name)?.[1];
    if (!runId || runId === args.ownRunId) continue;
    if (!alive.has(runId)) alive.set(runId, await admin.ownerAlive(ownerName(runId)));
    if (alive.get(runId)) continue;
    try {
      await admin.dropDatabase(name);
      log.info(`removed database ${name} on ${args.where}: left by a run that ended without cleaning up`);
    } catch (error) {
      log.warn(
        `could not remove database ${name} left by an earlier run on ${args.where}: ${errorMessage(error)}`,
      );
    }
  }
}
