import pg from 'pg';
import type { ServerAdmin } from './admin.js';

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
  return {
    async serverVersion() {
      return version;
    },
    async isSuperuser() {
      const { rows } = await client.query<{ s: boolean }>(
        'SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user',
      );
      return rows[0]?.s === true;
    },
    async createDatabase(name) {
      // template0 so that objects someone added to template1 never leak into the compared schema.
      await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8'`);
    },
    async dropDatabase(name) {
      if (major >= 13) {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        return;
      }
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    },
    async listDatabases(prefix) {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1',
        [prefix],
      );
      return rows.map((r) => r.datname);
    },
    async claim(owner) {
      await client.query('SELECT set_config($1, $2, false)', ['application_name', owner]);
    },
    async ownerAlive(owner) {
      // application_name is visible for every session, whoever's role it runs as.
      const { rows } = await client.query<{ alive: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = $1) AS alive',
        [owner],
      );
      return rows[0]?.alive === true;
    },
    async cancelQueries(databases) {
      if (databases.length === 0) return;
      await client.query(
        'SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
        [databases],
      );
    },
    async close() {
      await client.end().catch(() => {});
    },
  };
}
