/**
 * MySQL and MariaDB commit every DDL statement, so nothing here can be rolled back: the caller runs
 * it on a scratch database (src/checks/down-fix.ts says why).
 */
import mysql from 'mysql2/promise';
import { errorMessage } from '../../errors.js';
import type { DdlTrial, DdlTrialOptions } from '../dialect.js';
import { mysqlIntrospector } from './introspect.js';

export async function tryMysqlDdl(
  url: string,
  statements: string[],
  options: DdlTrialOptions,
): Promise<DdlTrial> {
  if (options.rollBack) throw new Error('MySQL and MariaDB cannot roll DDL back');
  const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/i, 'mysql:') });
  connection.on('error', () => {});
  try {
    for (const statement of statements) {
      try {
        await connection.query(statement);
      } catch (error) {
        return { failed: { statement, message: errorMessage(error) } };
      }
    }
  } finally {
    await connection.end().catch(() => {});
  }
  const introspector = await mysqlIntrospector(url, options);
  try {
    return { schema: await introspector.snapshot() };
  } finally {
    await introspector.close();
  }
}
