/**
 * Runs one section of SQL (a migration's up or down text) on a throwaway database, statement by
 * statement, so that a failure names the statement that failed and the line it starts on.
 *
 * Postgres runs the whole section in one transaction, as dbmate and Flyway do, unless the section
 * opts out (dbmate's `transaction:false`), manages its own transaction (BEGIN/COMMIT in the file), or
 * holds a statement Postgres refuses inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, ...),
 * which Flyway detects the same way. MySQL and MariaDB commit DDL implicitly, so a transaction there
 * would promise an atomicity the server does not give: statements run one by one.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { ThrowawayDatabase } from '../../databases/provider.js';
import { MigrationError, serverDiagnostics } from '../../errors.js';
import type { StepResult } from '../migrator.js';
import type { SqlSection } from './layouts.js';
import { splitSql } from './split.js';

export interface SqlRunner {
  run(section: SqlSection): Promise<StepResult>;
  close(): Promise<void>;
}

const TRANSACTION_CONTROL = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b/i;
const NO_TRANSACTION =
  /^((CREATE|DROP)\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|REINDEX\b.*\bCONCURRENTLY|VACUUM|(CREATE|DROP)\s+(DATABASE|TABLESPACE)|ALTER\s+SYSTEM|DETACH\s+PARTITION\b.*\bCONCURRENTLY|ALTER\s+TABLE\b.*\bDETACH\s+PARTITION\b.*\bCONCURRENTLY)/is;

export async function openSqlRunner(db: ThrowawayDatabase): Promise<SqlRunner> {
  return db.engine === 'postgres' ? openPostgres(db.url) : openMysql(db.url);
}

async function openPostgres(url: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A server error is reported on the query that failed; an idle-connection error must not crash the run.
  client.on('error', () => {});
  return {
    async run(section) {
      const statements = splitSql(section.text, 'postgres');
      const useTransaction =
        section.transaction &&
        !statements.some((s) => TRANSACTION_CONTROL.test(s.sql) || NO_TRANSACTION.test(s.sql));
      const executed: string[] = [];
      if (useTransaction) await client.query('BEGIN');
      try {
        for (const statement of statements) {
          executed.push(statement.sql);
          try {
            await client.query(statement.sql);
          } catch (error) {
            throw failure(error, statement.sql, section, section.line + statement.line - 1);
          }
        }
        if (useTransaction) await client.query('COMMIT');
      } catch (error) {
        if (useTransaction) await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
      return { statements: executed };
    },
    async close() {
      await client.end();
    },
  };
}

async function openMysql(url: string): Promise<SqlRunner> {
  const connection = await mysql.createConnection({ ...mysqlConfig(url), multipleStatements: false });
  connection.on('error', () => {});
  return {
    async run(section) {
      const executed: string[] = [];
      for (const statement of splitSql(section.text, 'mysql')) {
        executed.push(statement.sql);
        try {
          await connection.query(statement.sql);
        } catch (error) {
          throw failure(error, statement.sql, section, section.line + statement.line - 1);
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

function failure(error: unknown, statement: string, section: SqlSection, line: number): MigrationError {
  const e = error as { message?: string; sqlMessage?: string; code?: unknown };
  const message = e.sqlMessage ?? e.message ?? String(error);
  const code = typeof e.code === 'string' ? e.code : null;
  // The file and line stay on the message's first line; the server's DETAIL and HINT follow it.
  return new MigrationError(`${message} (${section.file}:${line})`, statement, code, {
    cause: error,
    ...serverDiagnostics(error),
  });
}
