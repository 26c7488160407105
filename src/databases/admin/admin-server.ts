import { randomBytes } from 'node:crypto';
import { ENGINES, type EngineName } from '../../dialects/registry.js';
import { InfraError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Cleanup } from '../cleanup.js';
import type { Server, ThrowawayDatabase } from '../provider.js';
import { type ServerAdmin, withDatabase } from './admin.js';
import { ownerName, reapStaleDatabases } from './reap.js';

/**
 * Every throwaway database name starts with this, so a person (and the leftover counter in the tests)
 * can tell schemagate's databases from everything else on a shared server.
 */
export const THROWAWAY_PREFIX = 'schemagate_';

/** The engine's admin connection; its driver loads only when a server of that engine is used. */
export async function connectAdmin(engine: EngineName, url: string): Promise<ServerAdmin> {
  const connect = await ENGINES[engine].load.admin();
  return connect(url);
}

/**
 * A Server on top of an admin connection: hands out uniquely named databases and drops each one
 * when it is released, when the server stops, or when the run's Cleanup releases everything.
 * Used by every provider: for `url` it is the whole server; embedded and docker add the process or
 * container underneath.
 *
 * The admin connection is also the run's owner connection on this server (reap.ts): before creating
 * anything, the databases of killed runs are dropped. When the run is stopped (timeout, signal), the
 * statements running in its databases are cancelled from a separate connection, since the admin
 * connection itself may be waiting on one of them.
 */
export async function adminServer(args: {
  engine: EngineName;
  adminUrl: string;
  label: string;
  cleanup: Cleanup;
  /** Where the lines about reaped leftovers go. */
  log: Logger;
  /** Stops what runs underneath (embedded process, container) after the databases are dropped. */
  stopUnderlying?: () => Promise<void>;
}): Promise<Server> {
  const admin = await connectAdmin(args.engine, args.adminUrl);
  // Registered after whatever runs underneath, so on a release-all the databases go first (newest),
  // then this connection, then the process or container.
  const releaseAdmin = args.cleanup.add(`admin connection to ${args.label}`, () => admin.close());
  const serverVersion = await admin.serverVersion();
  const superuser = await admin.isSuperuser();
  const runId = randomBytes(4).toString('hex');
  await admin.claim(ownerName(runId));
  await reapStaleDatabases({
    admin,
    prefix: THROWAWAY_PREFIX,
    ownRunId: runId,
    where: `${args.label} ${args.engine} ${serverVersion}`,
    log: args.log,
  });
  let counter = 0;
  const live = new Map<string, () => Promise<void>>();
  let stopped = false;
  const unregisterCancel = args.cleanup.onStop(async () => {
    if (live.size === 0) return;
    const canceller = await connectAdmin(args.engine, args.adminUrl);
    try {
      await canceller.cancelQueries([...live.keys()]);
    } finally {
      await canceller.close();
    }
  });

  const server: Server = {
    engine: args.engine,
    serverVersion,
    label: `${args.label} ${args.engine} ${serverVersion}`,
    superuser,
    async createDatabase(purpose) {
      if (stopped) throw new InfraError(`${server.label} was already stopped`);
      const safePurpose = purpose
        .replace(/[^a-z0-9]+/gi, '_')
        .toLowerCase()
        .slice(0, 20);
      const name = `${THROWAWAY_PREFIX}${runId}_${++counter}_${safePurpose}`;
      await admin.createDatabase(name);
      const release = args.cleanup.add(`database ${name} on ${server.label}`, () => admin.dropDatabase(name));
      live.set(name, release);
      const db: ThrowawayDatabase = {
        engine: args.engine,
        serverVersion,
        name,
        url: withDatabase(args.adminUrl, name),
        async drop() {
          const releaseIt = live.get(name);
          live.delete(name);
          await releaseIt?.();
        },
      };
      return db;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      unregisterCancel();
      for (const [name, release] of [...live]) {
        live.delete(name);
        await release().catch(() => {});
      }
      await releaseAdmin();
      await args.stopUnderlying?.();
    },
  };
  return server;
}
