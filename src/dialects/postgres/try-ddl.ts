/**
 * Postgres DDL is transactional: a down's fix is tried on the database itself, inside one
 * transaction, snapshotted from inside it (on the same connection: nothing else sees uncommitted
 * DDL) and rolled back, so the checks after it see exactly the state the down left.
 */
import { errorMessage } from '../../errors.js';
import { BOOKKEEPING_TABLES, type DdlTrial, type DdlTrialOptions } from '../dialect.js';
import { connectPg } from './connect.js';
import { PostgresIntrospector } from './introspect.js';

export async function tryPostgresDdl(
  url: string,
  statements: string[],
  options: DdlTrialOptions,
): Promise<DdlTrial> {
  const client = await connectPg(url);
  try {
    if (options.rollBack) await client.query('BEGIN');
    for (const statement of statements) {
      try {
        await client.query(statement);
      } catch (error) {
        return { failed: { statement, message: errorMessage(error) } };
      }
    }
    const introspector = new PostgresIntrospector(
      [client],
      [...BOOKKEEPING_TABLES, ...(options.excludeTables ?? [])],
    );
    return { schema: await introspector.snapshot() };
  } finally {
    if (options.rollBack) await client.query('ROLLBACK').catch(() => {});
    await client.end().catch(() => {});
  }
}
