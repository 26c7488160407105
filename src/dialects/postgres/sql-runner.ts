/**
 * Postgres runs a SQL migration's section in one transaction, as dbmate and Flyway do, unless the
 * section opts out (dbmate's `transaction:false`), manages its own transaction (BEGIN/COMMIT in the
 * file), or holds a statement Postgres refuses inside a transaction (CREATE INDEX CONCURRENTLY,
 * VACUUM, ...), which Flyway detects the same way.
 */
import pg from 'pg';
import { type SqlRunner, statementFailure } from '../../migrators/sql/execute.js';
import { splitSection } from '../../migrators/sql/split.js';
import { POSTGRES_SPLIT } from './split-rules.js';

const TRANSACTION_CONTROL = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b/i;
const NO_TRANSACTION =
  /^((CREATE|DROP)\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|REINDEX\b.*\bCONCURRENTLY|VACUUM|(CREATE|DROP)\s+(DATABASE|TABLESPACE)|ALTER\s+SYSTEM|DETACH\s+PARTITION\b.*\bCONCURRENTLY|ALTER\s+TABLE\b.*\bDETACH\s+PARTITION\b.*\bCONCURRENTLY)/is;

export async function openPostgresRunner(url: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A server error is reported on the query that failed; an idle-connection error must not crash the run.
  client.on('error', () => {});
  return {
    async run(section) {
      const statements = splitSection(section, POSTGRES_SPLIT);
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
            throw statementFailure(error, statement.sql, section, section.line + statement.line - 1);
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
