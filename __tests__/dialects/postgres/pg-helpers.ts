/**
 * Throwaway Postgres databases for the dialect tests, cloned from a template so that each fixture
 * starts from the same base schema in milliseconds instead of re-running its DDL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PG_URL, TEST_DB_PREFIX, type TestDatabase } from '../../helpers/servers.js';

function urlOf(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new database, empty or a copy of `template` (which must have no open connections). */
export async function createPgDatabaseFrom(template?: string): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    name,
    url: urlOf(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
