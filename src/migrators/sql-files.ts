/**
 * Plain SQL migrations (golang-migrate, dbmate, Flyway, goose, pop, Prisma Migrate, Drizzle Kit). The files are read once; each step runs
 * the up or down text through the statement splitter on the throwaway database. Like the knex
 * migrator, it leaves out the tool's own history table (schema_migrations, flyway_schema_history):
 * that table is bookkeeping, and the checks only compare schema.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MigratorSettings } from '../config/options.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Migration, Migrator } from './migrator.js';
import { openSqlRunner } from './sql/execute.js';
import { MARKER_HINT } from './sql/irreversible-marker.js';
import { DRIZZLE_REASON } from './sql/layouts/drizzle.js';
import { PRISMA_REASON } from './sql/layouts/prisma.js';
import { readSqlMigrations, type SqlLayout, type SqlMigrationFile } from './sql/layouts.js';

/** Layouts without downs by design: the report says so once (see Migration.upOnly). */
const NO_DOWNS: Partial<Record<SqlLayout, string>> = { prisma: PRISMA_REASON, drizzle: DRIZZLE_REASON };

/** Folders searched, in order, when --migrations is not given (Flyway's Maven default last). */
export const SQL_MIGRATION_FOLDERS = [
  'migrations',
  'db/migrations',
  'db/migration',
  'sql',
  'prisma/migrations',
  'drizzle',
  'src/main/resources/db/migration',
];

/**
 * Where each layout keeps a migration's down, and where the marker that declares it irreversible
 * goes: the hint of a migration with no down, or with a down that runs no SQL.
 */
const DOWN_HINT: Record<SqlLayout, string> = {
  'golang-migrate': `write the matching .down.sql file, or declare it irreversible with a \`${MARKER_HINT}\` line in the .up.sql file`,
  dbmate: `write its -- migrate:down section, or declare it irreversible with a \`${MARKER_HINT}\` line in the file`,
  flyway: `write the matching U<version>__<name>.sql undo file, or declare it irreversible with a \`${MARKER_HINT}\` line in the V file`,
  goose: `write its -- +goose Down section, or declare it irreversible with a \`${MARKER_HINT}\` line in the file`,
  pop: `write the matching <version>_<name>.<dialect>.down.sql (or generic .down.sql) file, or declare it irreversible with a \`${MARKER_HINT}\` line in the up file`,
  // Never shown for a missing down: both tools' migrations are declared irreversible (layouts/).
  prisma: 'Prisma Migrate has no down migrations: a rollback is a new migration',
  drizzle: 'Drizzle Kit has no down migrations: a rollback is a new migration',
};

export interface SqlFilesMigrator extends Migrator {
  /** The layout found in the folder, once list() has run. */
  layout(): Promise<SqlLayout>;
}

export async function createSqlFilesMigrator(
  options: MigratorSettings,
  log: Logger,
): Promise<SqlFilesMigrator> {
  const folders = options.migrations.length > 0 ? options.migrations : [await defaultFolder(options.cwd)];
  let loaded: Promise<{
    layout: SqlLayout;
    files: Map<string, SqlMigrationFile>;
    migrations: Migration[];
  }> | null = null;
  const load = () => {
    loaded ??= (async () => {
      const engines = options.engines.map((e) => e.engine);
      const { layout, migrations, skipped } = await readSqlMigrations(folders, options.cwd, engines);
      if (skipped.length > 0) log.warn(`${layout}: not a migration, skipped: ${skipped.join(', ')}`);
      log.debug(`${layout} layout, ${migrations.length} migration(s)`);
      return {
        layout,
        files: new Map(migrations.map((m) => [m.id, m])),
        migrations: migrations.map(
          (m): Migration => ({
            id: m.id,
            name: m.name,
            file: m.up.file,
            // A declared migration's down (if it has one) is not run, as knex's exports.irreversible.
            reversible: m.down !== null && !m.irreversible,
            irreversibleDeclared: m.irreversible !== undefined,
            ...(m.irreversible ? { irreversibleReason: m.irreversible.reason } : {}),
            irreversibleHint: DOWN_HINT[layout],
            ...(NO_DOWNS[layout] ? { upOnly: true } : {}),
          }),
        ),
      };
    })();
    return loaded;
  };

  return {
    tool: 'sql',
    capturesExecutedSql: true,
    async layout() {
      return (await load()).layout;
    },
    async list() {
      return (await load()).migrations;
    },
    async notes() {
      const reason = NO_DOWNS[(await load()).layout];
      return reason
        ? [
            `${reason}: each migration's up is checked on the previous state (with its hazards under --rows) and drift against the models; there is no down to round-trip or re-apply.`,
          ]
        : [];
    },
    async open(db) {
      const { files } = await load();
      const runner = await openSqlRunner(db);
      const find = (migration: Migration) => {
        const file = files.get(migration.id);
        if (!file) throw new ConfigError(`${migration.file}: not a migration of this folder`);
        return file;
      };
      // pop's files differ per database; every other layout runs the same text everywhere.
      const pick = (file: SqlMigrationFile) => file.perEngine?.[db.engine] ?? file;
      return {
        async up(migration) {
          const up = pick(find(migration)).up;
          // A pop migration with no file for this database is not in its history: nothing runs.
          return up ? runner.run(up) : { statements: [] };
        },
        async down(migration) {
          const file = find(migration);
          const down = pick(file).down;
          if (!down) {
            if (!pick(file).up) return { statements: [] };
            throw new ConfigError(`${migration.file}: has no down migration`);
          }
          return runner.run(down);
        },
        close: () => runner.close(),
      };
    },
  };
}

async function defaultFolder(cwd: string): Promise<string> {
  for (const candidate of SQL_MIGRATION_FOLDERS) {
    const folder = path.join(cwd, candidate);
    if ((await stat(folder).catch(() => null))?.isDirectory()) return folder;
  }
  throw new ConfigError(
    `no SQL migrations folder (looked for ${SQL_MIGRATION_FOLDERS.join(', ')}): pass --migrations DIR`,
  );
}
