/**
 * The MySQL and MariaDB dialect. One implementation: the server's VERSION() decides every place where
 * the two differ (see server.ts and normalise.ts), so a mysql:// URL that reaches a MariaDB server
 * still gets MariaDB's rules, and the snapshot's `engine` names the server that was really there.
 */
import type { Dialect } from '../dialect.js';
import { mysqlIntrospector } from './introspect.js';
import { openMysqlRehearsal } from './rehearsal.js';
import { tryMysqlDdl } from './try-ddl.js';

/** The dialect of one variant (the descriptor of each loads its own). */
export function mysqlFamilyDialect(engine: 'mysql' | 'mariadb'): Dialect {
  return {
    engine,
    introspector: mysqlIntrospector,
    // MySQL and MariaDB have no event triggers (DDL cannot be observed from inside the server), so
    // every step takes a full snapshot; introspection is built to make that cheap.
    async tracker() {
      return null;
    },
    rehearsal: openMysqlRehearsal,
    transactionalDdl: false,
    tryDdl: tryMysqlDdl,
  };
}

export const mysqlDialect: Dialect = mysqlFamilyDialect('mysql');
export const mariadbDialect: Dialect = mysqlFamilyDialect('mariadb');
