/** The Postgres dialect: introspection with the search_path emptied, and DDL tracking by event trigger. */
import { BOOKKEEPING_TABLES, type Dialect } from '../dialect.js';
import { connectPg } from './connect.js';
import { PostgresIntrospector } from './introspect.js';
import { openPostgresRehearsal } from './rehearsal.js';
import { postgresTracker } from './tracker.js';
import { tryPostgresDdl } from './try-ddl.js';

export const postgresDialect: Dialect = {
  engine: 'postgres',
  async introspector(url, options) {
    // Two connections: a full snapshot runs its queries in two parallel lanes (see PostgresIntrospector).
    const first = await connectPg(url);
    const second = await connectPg(url).catch(async (error) => {
      await first.end().catch(() => {});
      throw error;
    });
    return new PostgresIntrospector(
      [first, second],
      [...BOOKKEEPING_TABLES, ...(options?.excludeTables ?? [])],
    );
  },
  tracker: (url, options) => postgresTracker(url, [...BOOKKEEPING_TABLES, ...(options?.excludeTables ?? [])]),
  rehearsal: openPostgresRehearsal,
  transactionalDdl: true,
  tryDdl: tryPostgresDdl,
};

export { PostgresIntrospector } from './introspect.js';
