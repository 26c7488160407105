/**
 * MySQL and MariaDB, as two descriptors (src/dialects/descriptor.ts). MariaDB is a variant of MySQL:
 * the same parts, with its own name, image and container class; where the servers' behaviour differs
 * at run time, the server's VERSION() decides (server.ts, normalise.ts), so a mysql:// URL that
 * reaches a MariaDB server still gets MariaDB's rules.
 */
import type { Knex } from 'knex';
import type { EngineDescriptor } from '../descriptor.js';
import { MYSQL_SPLIT } from './split-rules.js';

type Variant = 'mysql' | 'mariadb';

function mysqlFamily<Name extends Variant>(
  name: Name,
  title: string,
  urlSchemes: readonly string[],
  defaultVersion: string,
  sequelizeDialects: readonly string[],
): EngineDescriptor<Name> {
  return Object.freeze<EngineDescriptor<Name>>({
    name,
    title,
    aliases: [],
    urlSchemes,
    exampleUrl: 'mysql://root:password@127.0.0.1:3306/mysql',
    defaultPort: 3306,
    versionForm: 'VERSION',
    image: { repository: name, tag: '{version}', defaultVersion },
    embedded: false,
    serverEngine: (serverVersion: string) => (/mariadb/i.test(serverVersion) ? 'mariadb' : null),
    split: MYSQL_SPLIT,
    types: { unboundedText: false, unboundedNumeric: false, defaultTimePrecision: 0 },
    schemaQualified: false,
    equivalentDefaults: [],
    knex: {
      client: 'mysql2',
      // Migrations often send several statements in one knex.raw; the mysql2 driver refuses that by default.
      connection: (url: string) =>
        ({ uri: url, multipleStatements: true }) as unknown as Knex.StaticConnectionConfig,
      searchPath: false,
      bindings: 'question',
    },
    commandEnv: {
      host: 'MYSQL_HOST',
      port: 'MYSQL_TCP_PORT',
      user: 'MYSQL_USER',
      password: 'MYSQL_PWD',
      database: 'MYSQL_DATABASE',
    },
    sqlalchemyDialect: 'mysql',
    djangoBackend: 'django.db.backends.mysql',
    // TypeORM's own names for the two are the engines' names.
    typeormType: name,
    sequelizeDialects,
    load: Object.freeze({
      dialect: async () => (await import('./index.js')).mysqlFamilyDialect(name),
      ddlWriter: async () => (await import('./ddl.js')).mysqlWriter(name),
      container: async () => {
        const { mysqlContainer } = await import('./container.js');
        return (image: string) => mysqlContainer(name, image);
      },
      admin: async () => (await import('./admin.js')).connectMysqlAdmin,
      sqlRunner: async () => (await import('./sql-runner.js')).openMysqlRunner,
      schemaScript: async () => (await import('./schema-script.js')).runMysqlScript,
    }),
  });
}

export const mysqlDescriptor = mysqlFamily('mysql', 'MySQL', ['mysql', 'mariadb'], '8.4', ['mysql']);
// Sequelize's `mysql` dialect (mysql2) reaches MariaDB too and is what most projects have installed;
// a project configured for `mariadb` (the mariadb connector) keeps it.
export const mariadbDescriptor = mysqlFamily('mariadb', 'MariaDB', ['mysql', 'mariadb'], '11.4', [
  'mysql',
  'mariadb',
]);
