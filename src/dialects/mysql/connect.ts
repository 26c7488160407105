/**
 * Connections for introspection. A small pool, so the per-kind queries of one snapshot run side by
 * side instead of one after another (each is a separate round trip and information_schema work on
 * the server).
 */
import mysql from 'mysql2/promise';
import { InfraError } from '../../errors.js';
import { describeUrl } from '../../secrets.js';
import { type ServerInfo, serverInfo } from './server.js';

export type Pool = mysql.Pool;

export interface Connected {
  pool: Pool;
  database: string;
  server: ServerInfo;
}

/** How many queries of one snapshot may run at once. */
const CONNECTIONS = 3;

export async function connect(url: string): Promise<Connected> {
  // mysql2 only knows the mysql: scheme; mariadb:// URLs mean the same server protocol.
  const uri = url.replace(/^mariadb:/i, 'mysql:');
  let database: string;
  try {
    database = decodeURIComponent(new URL(uri).pathname.replace(/^\//, ''));
  } catch {
    throw new InfraError('The MySQL/MariaDB URL is not a valid URL.', {
      hint: 'Use mysql://user:password@host:port/database.',
    });
  }
  if (!database) {
    throw new InfraError(`${describeUrl(url)} names no database.`, {
      hint: 'Add the database to the URL path: mysql://user@host:3306/database.',
    });
  }
  const pool = mysql.createPool({
    uri,
    connectionLimit: CONNECTIONS,
    // Sequence bounds are BIGINTs; keep them exact as strings.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    charset: 'utf8mb4_general_ci',
  });
  try {
    const [rows] = await pool.query('SELECT VERSION() AS version, DATABASE() AS db');
    const row = (rows as Array<{ version: string; db: string | null }>)[0];
    if (!row?.db) throw new Error(`database ${database} is not selected`);
    return { pool, database: row.db, server: serverInfo(row.version) };
  } catch (error) {
    await pool.end().catch(() => {});
    const cause = error instanceof Error ? error.message : String(error);
    throw new InfraError(`Cannot introspect ${describeUrl(url)}: ${cause}`, {
      cause: error,
      hint: 'Check that the server is running and the URL, user and database are right.',
    });
  }
}
