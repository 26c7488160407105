import mysql from 'mysql2/promise';
import type { ServerAdmin } from '../../databases/admin/admin.js';

const quoteIdent = (name: string) => `\`${name.replaceAll('`', '``')}\``;

export async function connectMysqlAdmin(url: string): Promise<ServerAdmin> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 10_000 });
  connection.on('error', () => {});
  /** Other sessions whose current database is one of these (only those running a statement if `busy`). */
  const sessionsIn = async (databases: string[], busy: boolean): Promise<number[]> => {
    if (databases.length === 0) return [];
    const [rows] = await connection.query(
      `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB IN (?) AND ID <> CONNECTION_ID()${busy ? " AND COMMAND <> 'Sleep'" : ''}`,
      [databases],
    );
    return (rows as Array<{ id: number }>).map((r) => Number(r.id));
  };
  const kill = async (what: 'CONNECTION' | 'QUERY', ids: number[]) => {
    for (const id of ids) {
      // 1094: the session ended meanwhile.
      await connection.query(`KILL ${what} ${Number(id)}`).catch((error: { errno?: number }) => {
        if (error?.errno !== 1094) throw error;
      });
    }
  };
  return {
    async serverVersion() {
      const [rows] = await connection.query('SELECT VERSION() AS v');
      return String((rows as Array<{ v: string }>)[0]!.v);
    },
    async isSuperuser() {
      return false;
    },
    async createDatabase(name) {
      // utf8mb4 explicitly: the server default differs between MySQL 8 (utf8mb4) and MariaDB (latin1
      // on older releases), and the models' database must match the migrations' database.
      await connection.query(`CREATE DATABASE ${quoteIdent(name)} CHARACTER SET utf8mb4`);
    },
    async dropDatabase(name) {
      // Unlike Postgres' WITH (FORCE), DROP DATABASE waits for the metadata locks of open
      // transactions in it (a migration stuck in SELECT SLEEP, a killed run's session): end them first.
      await kill('CONNECTION', await sessionsIn([name], false));
      await connection.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    },
    async listDatabases(prefix) {
      const [rows] = await connection.query(
        'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY 1',
        [`${prefix.replace(/[\\%_]/g, '\\$&')}%`],
      );
      return (rows as Array<{ name: string }>).map((r) => r.name);
    },
    async claim(owner) {
      // Held by this session until it closes; a session that dies (SIGKILL) releases it.
      await connection.query('SELECT GET_LOCK(?, 0)', [owner]);
    },
    async ownerAlive(owner) {
      const [rows] = await connection.query('SELECT IS_USED_LOCK(?) AS holder', [owner]);
      return (rows as Array<{ holder: unknown }>)[0]?.holder != null;
    },
    async cancelQueries(databases) {
      await kill('QUERY', await sessionsIn(databases, true));
    },
    async close() {
      await connection.end().catch(() => {});
    },
  };
}
