/**
 * MySQL and MariaDB commit DDL implicitly, so a transaction around a SQL migration's section would
 * promise an atomicity the server does not give: statements run one by one.
 */
import mysql from 'mysql2/promise';
import { type SqlRunner, statementFailure } from '../../migrators/sql/execute.js';
import { splitSection } from '../../migrators/sql/split.js';
import { MYSQL_SPLIT } from './split-rules.js';

export async function openMysqlRunner(url: string): Promise<SqlRunner> {
  const connection = await mysql.createConnection({ ...mysqlConfig(url), multipleStatements: false });
  connection.on('error', () => {});
  return {
    async run(section) {
      const executed: string[] = [];
      for (const statement of splitSection(section, MYSQL_SPLIT)) {
        executed.push(statement.sql);
        try {
          await connection.query(statement.sql);
        } catch (error) {
          throw statementFailure(error, statement.sql, section, section.line + statement.line - 1);
        }
      }
      return { statements: executed };
    },
    async close() {
      await connection.end();
    },
  };
}

/** The connection settings of a mysql:// or mariadb:// URL (mysql2 only knows the first scheme). */
export function mysqlConfig(url: string): mysql.ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
}
