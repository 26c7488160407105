/** Throwaway MariaDB databases for the dialect tests, each dropped in afterAll. */

import type { IntrospectOptions } from '../../../src/dialects/dialect.js';
import { mariadbDialect } from '../../../src/dialects/mysql/index.js';
import type { Schema } from '../../../src/schema/model.js';
import { createMysqlDatabase, mysqlExec, type TestDatabase } from '../../helpers/servers.js';

export class Databases {
  private readonly created: TestDatabase[] = [];

  /** A new database with `ddl` applied (several statements allowed). */
  async create(ddl = ''): Promise<TestDatabase> {
    const db = await createMysqlDatabase();
    this.created.push(db);
    if (ddl.trim()) await mysqlExec(db.url, ddl);
    return db;
  }

  async dropAll(): Promise<void> {
    await Promise.all(this.created.splice(0).map((db) => db.drop()));
  }
}

export async function snapshot(url: string, options?: IntrospectOptions): Promise<Schema> {
  const introspector = await mariadbDialect.introspector(url, options);
  try {
    return await introspector.snapshot();
  } finally {
    await introspector.close();
  }
}

/** Snapshot of a fresh database built from `ddl`. */
export async function snapshotOf(dbs: Databases, ddl: string): Promise<Schema> {
  return snapshot((await dbs.create(ddl)).url);
}
