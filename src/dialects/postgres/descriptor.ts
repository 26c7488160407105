/** Postgres, as one descriptor (src/dialects/descriptor.ts); the heavy parts load on first use. */
import type { EngineDescriptor } from '../descriptor.js';
import { POSTGRES_SPLIT } from './split-rules.js';

export const postgresDescriptor: EngineDescriptor<'postgres'> = Object.freeze<EngineDescriptor<'postgres'>>({
  name: 'postgres',
  title: 'Postgres',
  aliases: ['postgresql', 'pg'],
  urlSchemes: ['postgres', 'postgresql'],
  exampleUrl: 'postgres://user:password@host:5432/postgres',
  defaultPort: 5432,
  versionForm: 'MAJOR',
  // Alpine: the smallest of the official Postgres images, so the fastest to pull on a fresh runner.
  image: { repository: 'postgres', tag: '{version}-alpine', defaultVersion: '17' },
  embedded: true,
  serverEngine: () => null,
  split: POSTGRES_SPLIT,
  types: { unboundedText: true, unboundedNumeric: true, defaultTimePrecision: 6 },
  schemaQualified: true,
  // pg_get_expr keeps `CURRENT_TIMESTAMP` and `now()` apart, but they are one function.
  equivalentDefaults: [
    [/^CURRENT_TIMESTAMP$/i, 'now()'],
    [/^transaction_timestamp\(\)$/i, 'now()'],
  ],
  knex: {
    client: 'pg',
    connection: (url: string) => ({ connectionString: url }),
    searchPath: true,
    bindings: 'dollar',
  },
  commandEnv: {
    host: 'PGHOST',
    port: 'PGPORT',
    user: 'PGUSER',
    password: 'PGPASSWORD',
    database: 'PGDATABASE',
  },
  sqlalchemyDialect: 'postgresql',
  djangoBackend: 'django.db.backends.postgresql',
  typeormType: 'postgres',
  sequelizeDialects: ['postgres'],
  load: Object.freeze({
    dialect: async () => (await import('./index.js')).postgresDialect,
    ddlWriter: async () => (await import('./ddl.js')).postgresWriter,
    container: async () => (await import('./container.js')).postgresContainer,
    admin: async () => (await import('./admin.js')).connectPostgresAdmin,
    sqlRunner: async () => (await import('./sql-runner.js')).openPostgresRunner,
    schemaScript: async () => (await import('./schema-script.js')).runPostgresScript,
  }),
});
