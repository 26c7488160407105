/**
 * Real servers for tests. The local Postgres (127.0.0.1:5432, trust auth) and MariaDB (127.0.0.1:3306,
 * root, empty password) run on every development and CI machine; CI restarts them when they are down.
 * Override with SCHEMAGATE_TEST_PG_URL / SCHEMAGATE_TEST_MYSQL_URL.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import type { EngineName } from '../../src/schema/model.js';

export const PG_URL = process.env.SCHEMAGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_URL = process.env.SCHEMAGATE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql';

/** Prefix of every database a test creates directly, so leftovers can be counted. */
export const TEST_DB_PREFIX = 'sgtest_';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A test database as a migrator or a model source is handed a throwaway one by a provider. */
export function asThrowaway(db: TestDatabase, engine: EngineName, serverVersion = ''): ThrowawayDatabase {
  return { engine, serverVersion, name: db.name, url: db.url, drop: () => db.drop() };
}

export async function createPgDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(PG_URL, name),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function createMysqlDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection(MYSQL_URL);
  try {
    await admin.query(`CREATE DATABASE \`${name}\``);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(MYSQL_URL, name),
    async drop() {
      const c = await mysql.createConnection(MYSQL_URL);
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs SQL (several statements allowed) on a Postgres database. */
export async function pgExec(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Runs SQL (several statements allowed) on a MySQL/MariaDB database. */
export async function mysqlExec(url: string, sql: string): Promise<void> {
  const c = await mysql.createConnection({ uri: url, multipleStatements: true });
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
