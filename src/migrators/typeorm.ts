import knexFactory, { type Knex } from 'knex';
import type { DataSource, QueryRunner, Logger as TypeormLogger } from 'typeorm';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { ConfigError, MigrationError, serverDiagnostics } from '../errors.js';
import type { Logger } from '../log.js';
import { maskerFor } from '../models/command-models.js';
import { inlineBindings } from './knex/inline-bindings.js';
import type { Migration, Migrator, MigratorSession, StepResult } from './migrator.js';
import { attribution, captureOutput, type StepOutput } from './output.js';
import { projectTypeorm, readTypeormProject, type TypeormProject } from './typeorm/project.js';

/**
 * TypeORM, in process, with the project's own typeorm package. Each step calls the migration's
 * own up or down with a QueryRunner, in a transaction unless the migration says `transaction =
 * false` or the DataSource's migrationsTransactionMode is 'none', as TypeORM would; TypeORM's
 * `migrations` table is never written (bookkeeping, not schema), and the SQL shown is what the
 * QueryRunner sent, captured by a logger.
 */
export async function createTypeormMigrator(args: {
  cwd: string;
  migrations: string[];
  log: Logger;
}): Promise<Migrator & { tableName(): Promise<string> }> {
  const typeorm = projectTypeorm(args.cwd);
  let project: Promise<TypeormProject> | null = null;
  const load = () => {
    project ??= readTypeormProject(args.cwd, args.migrations, args.log);
    return project;
  };
  return {
    tool: 'typeorm',
    capturesExecutedSql: true,
    async tableName() {
      return (await load()).tableName;
    },
    async list() {
      return (await load()).migrations.map((m) => ({
        id: m.name,
        name: m.name,
        file: m.file,
        reversible: typeof m.instance.down === 'function',
        ...(typeof m.instance.down === 'function'
          ? {}
          : { irreversibleHint: 'add a down(queryRunner) method that undoes up' }),
      }));
    },
    async open(db) {
      return openSession(typeorm, db, await load(), args.log);
    },
  };
}

/** TypeORM's own transaction statements: not the migration's SQL. */
const BOOKKEEPING_SQL =
  /^(start transaction|begin|commit|rollback|savepoint\b|release savepoint\b|rollback to savepoint\b|set transaction\b)/i;

/**
 * The QueryRunner's schema API reads the catalog before it changes anything (`addColumn` first
 * loads the table): reads of the server's catalog, not the migration's SQL, and they name the
 * throwaway database. A migration's own reads of its tables stay.
 */
const CATALOG_READ =
  /^(select|show)\b(?![\s\S]*\binto\b)[\s\S]*(information_schema|\bpg_[a-z_]+|current_schema\(\)|current_database\(\)|\bdatabase\(\)|\bversion\(\))/i;

function isToolSql(sql: string): boolean {
  const text = sql.trim();
  return BOOKKEEPING_SQL.test(text) || CATALOG_READ.test(text);
}

async function openSession(
  typeorm: typeof import('typeorm'),
  db: ThrowawayDatabase,
  project: TypeormProject,
  log: Logger,
): Promise<MigratorSession> {
  const mask = maskerFor(db);
  const engine = ENGINES[db.engine];
  // A knex without a connection renders one value with the driver's escaping, as the knex tool shows it.
  const renderer = knexFactory({ client: engine.knex.client });
  const literal = (value: unknown) => renderer.raw('?', [value as Knex.Value]).toQuery();
  const display = (sql: string, parameters: unknown) =>
    inlineBindings(sql, Array.isArray(parameters) ? parameters : undefined, engine.knex.bindings, literal);

  // Queries are kept only from the step's own QueryRunner, and only while a step runs.
  let current: { runner: QueryRunner; statements: string[]; failed: { sql: string } | null } | null = null;
  const logger: TypeormLogger = {
    logQuery(query, parameters, runner) {
      if (current && runner === current.runner && !isToolSql(query))
        current.statements.push(display(query, parameters));
    },
    logQueryError(_error, query, parameters, runner) {
      if (current && runner === current.runner) current.failed = { sql: display(query, parameters) };
    },
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
  const dataSource: DataSource = new typeorm.DataSource({
    type: engine.typeormType as 'postgres',
    url: db.url,
    // No entities: migrations run through the QueryRunner, and decorated entity classes loaded
    // through jiti's Babel cannot be instantiated (its class-properties transform refuses them).
    entities: [],
    migrations: [],
    subscribers: [],
    // Nothing may touch the schema but the migrations themselves.
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    logger,
    poolSize: 2,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await renderer.destroy();
    throw new ConfigError(`TypeORM could not connect to the throwaway database: ${mask(firstLine(error))}`, {
      cause: error,
      hint: 'install the driver in the project (pg for Postgres, mysql2 for MySQL and MariaDB)',
    });
  }
  const byName = new Map(project.migrations.map((m) => [m.name, m]));

  async function step(migration: Migration, direction: 'up' | 'down'): Promise<StepResult> {
    const entry = byName.get(migration.id);
    const fn = entry?.instance[direction];
    if (!entry || typeof fn !== 'function') {
      throw new ConfigError(`${migration.file}: ${migration.name} has no ${direction} method`);
    }
    const runner = dataSource.createQueryRunner();
    const state: NonNullable<typeof current> = { runner, statements: [], failed: null };
    current = state;
    let printed: StepOutput = { output: [] };
    const keep = (o: StepOutput) => {
      printed = { output: o.output.map(mask), outputOmitted: o.outputOmitted };
    };
    const live = (line: string) => log.debug(`${attribution(migration.name, direction)} ${mask(line)}`);
    // TypeORM: the migration's own `transaction` wins; otherwise every mode but 'none' has one.
    const useTransaction = entry.instance.transaction ?? project.transactionMode !== 'none';
    try {
      await captureOutput(
        async () => {
          if (useTransaction) await runner.startTransaction();
          await fn.call(entry.instance, runner);
          if (useTransaction) await runner.commitTransaction();
        },
        keep,
        live,
      );
      return { statements: state.statements, ...printed };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => {});
      const failed = state.failed;
      throw new MigrationError(firstLine(error), failed?.sql ?? null, codeOf(error), {
        cause: error,
        // logQuery fired for the failing statement too; it is reported as `statement`.
        executed:
          failed && state.statements.at(-1) === failed.sql ? state.statements.slice(0, -1) : state.statements,
        ...serverDiagnostics(error),
        ...printed,
      });
    } finally {
      current = null;
      await runner.release().catch(() => {});
    }
  }

  return {
    up: (m) => step(m, 'up'),
    down: (m) => step(m, 'down'),
    async close() {
      await dataSource.destroy().catch(() => {});
      await renderer.destroy();
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : null;
}
