/**
 * The two local servers, behind one shape, for drift tests that run in-process: create a database, run
 * SQL on it, snapshot it with the engine's dialect, and hand it to a ModelSource as a ThrowawayDatabase.
 * Tests that run the CLI point it at a server with a Target (helpers/targets.ts) instead.
 */
import mysql from 'mysql2/promise';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { mariadbDialect, mysqlDialect } from '../../src/dialects/mysql/index.js';
import { postgresDialect } from '../../src/dialects/postgres/index.js';
import type { Schema } from '../../src/schema/model.js';
import {
  asThrowaway,
  createMysqlDatabase,
  createPgDatabase,
  MYSQL_URL,
  mysqlExec,
  pgExec,
  type TestDatabase,
} from './servers.js';

export interface EngineHarness {
  /** Fixture sub-folder: `postgres` or `mysql` (MariaDB runs the mysql fixtures). */
  folder: 'postgres' | 'mysql';
  knexClient: 'pg' | 'mysql2';
  create(): Promise<TestDatabase>;
  exec(url: string, sql: string): Promise<void>;
  snapshot(url: string): Promise<Schema>;
  throwaway(db: TestDatabase): ThrowawayDatabase;
}

async function snapshotWith(dialect: Dialect, url: string): Promise<Schema> {
  const introspector = await dialect.introspector(url);
  try {
    return await introspector.snapshot();
  } finally {
    await introspector.close();
  }
}

export const postgres: EngineHarness = {
  folder: 'postgres',
  knexClient: 'pg',
  create: createPgDatabase,
  exec: pgExec,
  snapshot: (url) => snapshotWith(postgresDialect, url),
  throwaway: (db) => asThrowaway(db, 'postgres'),
};

let mysqlFlavour: Promise<'mysql' | 'mariadb'> | null = null;

/** The local server is MariaDB; SCHEMAGATE_TEST_MYSQL_URL may point at a MySQL instead. */
function flavour(): Promise<'mysql' | 'mariadb'> {
  mysqlFlavour ??= (async () => {
    const c = await mysql.createConnection(MYSQL_URL);
    try {
      const [rows] = await c.query('SELECT VERSION() AS v');
      return String((rows as { v: string }[])[0]!.v).includes('MariaDB') ? 'mariadb' : 'mysql';
    } finally {
      await c.end();
    }
  })();
  return mysqlFlavour;
}

export async function mysqlHarness(): Promise<EngineHarness & { engine: 'mysql' | 'mariadb' }> {
  const engine = await flavour();
  const dialect = engine === 'mariadb' ? mariadbDialect : mysqlDialect;
  return {
    engine,
    folder: 'mysql',
    knexClient: 'mysql2',
    create: createMysqlDatabase,
    exec: mysqlExec,
    snapshot: (url) => snapshotWith(dialect, url),
    throwaway: (db) => asThrowaway(db, engine),
  };
}
