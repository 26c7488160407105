import mysql from 'mysql2/promise';
import type { ServerAdmin } from './admin.js';

const quoteIdent = (name: string) => `\`${name.replaceAll('`', '``')}\``;

export async function connectMysqlAdmin(url: string): Promise<ServerAdmin> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 10_000 });
  connection.on('error', () => {});
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
      await connection.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    },
    async listDatabases(prefix) {
      const [rows] = await connection.query(
        'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY 1',
        [`${prefix.replace(/[\\%_]/g, '\\$&')}%`],
      );
      return (rows as Array<{ name: string }>).map((r) => r.name);
    },
    async close() {
      await connection.end().catch(() => {});
    },
  };
}
