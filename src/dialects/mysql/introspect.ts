/**
 * Snapshots of one MySQL/MariaDB database: one information_schema query per kind of object for the
 * whole database, run side by side on a small pool, then assembled by buildSchema.
 */
import { restrictToScope, type Schema, type Scope } from '../../schema/model.js';
import { BOOKKEEPING_TABLES, type IntrospectOptions, type Introspector } from '../dialect.js';
import { buildSchema, type SnapshotRows } from './build.js';
import { connect } from './connect.js';
import { queryColumns } from './queries/columns.js';
import { queryChecks, queryForeignKeyColumns, queryForeignKeyRules } from './queries/constraints.js';
import { queryIndexes } from './queries/indexes.js';
import { queryParameters, queryRoutines } from './queries/routines.js';
import type { QueryContext } from './queries/select.js';
import { querySequences, queryTables, queryViews } from './queries/tables.js';
import { queryTriggers } from './queries/triggers.js';
import type { ServerInfo } from './server.js';

export async function readRows(ctx: QueryContext, server: ServerInfo): Promise<SnapshotRows> {
  const { features } = server;
  const [tables, columns, indexes, foreignKeyColumns, foreignKeyRules, checks, views, triggers, routines] =
    await Promise.all([
      queryTables(ctx),
      queryColumns(ctx),
      queryIndexes(ctx, features),
      queryForeignKeyColumns(ctx),
      queryForeignKeyRules(ctx),
      queryChecks(ctx, features),
      queryViews(ctx),
      queryTriggers(ctx),
      queryRoutines(ctx),
    ]);
  // Second round trip only when there is something to read: most schemas have neither.
  const sequenceNames = features.sequences
    ? tables.filter((t) => t.type === 'SEQUENCE').map((t) => t.name)
    : [];
  const [parameters, sequences] = await Promise.all([
    routines.length > 0 ? queryParameters(ctx) : [],
    querySequences(ctx, sequenceNames),
  ]);
  return {
    tables,
    columns,
    indexes,
    foreignKeyColumns,
    foreignKeyRules,
    checks,
    views,
    triggers,
    routines,
    parameters,
    sequences,
  };
}

export async function mysqlIntrospector(url: string, options: IntrospectOptions = {}): Promise<Introspector> {
  const { pool, database, server } = await connect(url);
  const ctx: QueryContext = {
    pool,
    database,
    exclude: [...new Set([...BOOKKEEPING_TABLES, ...(options.excludeTables ?? [])])],
  };
  return {
    async snapshot(scope?: Scope): Promise<Schema> {
      const schema = buildSchema(await readRows(ctx, server), server, database);
      // No change tracking on MySQL (tracker() is null), so a scoped request is served from a full read.
      return scope ? restrictToScope(schema, scope) : schema;
    },
    async close() {
      await pool.end();
    },
  };
}
