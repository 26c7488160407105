import pg from 'pg';
import type { ServerAdmin } from '../../databases/admin/admin.js';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Connects to the URL's database (the maintenance database, usually `postgres`). */
export async function connectPostgresAdmin(url: string): Promise<ServerAdmin> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A server that goes away mid-run must not crash the process through an unhandled 'error' event.
  client.on('error', () => {});
  await client.connect();
  const { rows: versionRows } = await client.query<{ v: string; n: string }>(
    "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
  );
  const version = versionRows[0]!.v.split(' ')[0]!;
  const major = Math.floor(Number(versionRows[0]!.n) / 10000);
  // Lanes and drift create and drop their databases at once, all on this one client. node-postgres
  // 8 warns when a client is sent a query while another runs (pg 9 refuses it), and pipelining is
  // no way out: CREATE and DROP DATABASE refuse to run inside a pipeline. So the calls queue here,
  // one after the other, which is what the server did with them anyway.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };
  return {
    async serverVersion() {
      return version;
    },
    isSuperuser: () =>
      serial(async () => {
        const { rows } = await client.query<{ s: boolean }>(
          'SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user',
        );
        return rows[0]?.s === true;
      }),
    createDatabase: (name) =>
      serial(async () => {
        // template0 so that objects someone added to template1 never leak into the compared schema.
        await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8'`);
      }),
    dropDatabase: (name) =>
      serial(() =>
        // A connection that opens between the server ending the database's sessions and dropping
        // it (a pool of the run's own, reconnecting while the run is being stopped) makes the drop
        // fail with 55006 even WITH (FORCE): ask again, a few times, before giving up on it.
        retryInUse(async () => {
          if (major >= 13) {
            await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
            return;
          }
          await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
            name,
          ]);
          await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
        }),
      ),
    listDatabases: (prefix) =>
      serial(async () => {
        const { rows } = await client.query<{ datname: string }>(
          'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1',
          [prefix],
        );
        return rows.map((r) => r.datname);
      }),
    claim: (owner) =>
      serial(async () => {
        await client.query('SELECT set_config($1, $2, false)', ['application_name', owner]);
      }),
    ownerAlive: (owner) =>
      serial(async () => {
        // application_name is visible for every session, whoever's role it runs as.
        const { rows } = await client.query<{ alive: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = $1) AS alive',
          [owner],
        );
        return rows[0]?.alive === true;
      }),
    cancelQueries: (databases) =>
      serial(async () => {
        if (databases.length === 0) return;
        await client.query(
          'SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
          [databases],
        );
      }),
    // Not queued: close must end a client whose query hangs (the run's cleanup calls it last).
    async close() {
      await client.end().catch(() => {});
    },
  };
}

/** `work`, asked again while the server says the object is in use (SQLSTATE 55006), up to 2 s. */
async function retryInUse(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
