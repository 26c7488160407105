/**
 * Django, run by the project's own Python (--python) through its manage.py, one driver process per
 * session (python/py/django_driver.py). Migrations come in the order `migrate` would apply them on an
 * empty database (the forwards plan of every leaf node), across all apps, django.contrib and
 * installed packages included, since the project's migrations depend on them. Each step applies or
 * unapplies exactly one migration; its SQL is sqlmigrate's.
 *
 * Reversibility: a migration with a RunPython without reverse_code, or a RunSQL without reverse_sql,
 * is irreversible (Django itself refuses to unapply it); Django has no way to declare that on
 * purpose, so it is never `irreversibleDeclared`.
 */
import type { MigratorSettings } from '../config/options.js';
import type { Logger } from '../log.js';
import { maskerFor } from '../models/command-models.js';
import type { Migration, Migrator, MigratorSession, StepResult, ToolFinding } from './migrator.js';
import { attribution, type StepOutput, withPrinted } from './output.js';
import { djangoBackend, findDjangoProject, startDjango } from './python/django-project.js';
import { PYTHON_LANE_COST } from './python/process.js';
import { SpareDriver } from './python/spare-driver.js';
import { reviewStatements } from './python/statements.js';

interface ListedMigration {
  app: string;
  name: string;
  file: string;
  project: boolean;
  reversible: boolean;
}

interface ListResult {
  migrations: ListedMigration[];
  conflicts: Record<string, string[]>;
  /** makemigrations --check --dry-run output when models have changes with no migration. */
  pending: string[] | null;
}

const DJANGO_HINT =
  'give each RunPython a reverse_code (migrations.RunPython.noop when nothing needs undoing) and each RunSQL a reverse_sql';

export const DJANGO_BOOKKEEPING_TABLES = ['django_migrations'];

export async function createDjangoMigrator(options: MigratorSettings, log: Logger): Promise<Migrator> {
  const project = await findDjangoProject(options);
  // The listing's driver stays as a spare for the first session (spare-driver.ts).
  const spare = new SpareDriver();
  let listed: Promise<ListResult> | null = null;
  const load = () => {
    listed ??= (async () => {
      const proc = await startDjango(project, options, log, null);
      try {
        const result = await proc.request<ListResult>('list');
        spare.keep(proc);
        return result;
      } catch (error) {
        await proc.close();
        throw error;
      }
    })();
    return listed;
  };
  const byId = new Map<string, ListedMigration>();

  return {
    tool: 'django',
    lanes: PYTHON_LANE_COST,
    async list() {
      const { migrations } = await load();
      return migrations.map((m): Migration => {
        const id = `${m.app}.${m.name}`;
        byId.set(id, m);
        return {
          id,
          name: id,
          file: m.file,
          reversible: m.reversible,
          irreversibleDeclared: false,
          ...(m.reversible ? {} : { irreversibleHint: DJANGO_HINT }),
        };
      });
    },
    async findings() {
      const { conflicts, pending, migrations } = await load();
      const findings: ToolFinding[] = [];
      for (const [app, leaves] of Object.entries(conflicts)) {
        const last = migrations.filter((m) => m.app === app && leaves.includes(m.name)).at(-1);
        findings.push({
          kind: 'conflicting-migrations',
          severity: 'error',
          message: `app ${app} has ${leaves.length} leaf migrations (${leaves.join(', ')}): merge them with "python manage.py makemigrations --merge"`,
          ...(last ? { file: last.file, migration: `${app}.${last.name}` } : {}),
        });
      }
      if (pending && pending.length > 0) {
        findings.push({
          kind: 'missing-migration',
          severity: 'error',
          message: `models have changes with no migration (makemigrations --check): ${pending.join(' ').replace(/\s+/g, ' ').trim()}; run "python manage.py makemigrations"`,
        });
      }
      return findings;
    },
    release: () => spare.release(),
    async open(db): Promise<MigratorSession> {
      const proc =
        (await spare.take({ dbUrl: db.url, backend: djangoBackend(db.engine) })) ??
        (await startDjango(project, options, log, db));
      try {
        await proc.request('open');
      } catch (error) {
        await proc.close();
        throw error;
      }
      const mask = maskerFor(db);
      // sqlmigrate's SQL depends only on the migration: rendered once per direction (the re-apply
      // reuses it), as the Alembic migrator does with its offline SQL.
      const rendered = new Map<string, string[]>();
      const step = async (migration: Migration, direction: 'up' | 'down'): Promise<StepResult> => {
        const listedMigration = byId.get(migration.id);
        const [app, name] = listedMigration
          ? [listedMigration.app, listedMigration.name]
          : splitId(migration.id);
        const key = `${direction}:${migration.id}`;
        const cached = rendered.get(key);
        const reply = await withPrinted(attribution(migration.name, direction), log, mask, () =>
          proc.request<{ statements: string[] | null; executed: string[] } & Partial<StepOutput>>(direction, {
            app,
            name,
            sql: !cached,
          }),
        );
        const printed = {
          output: reply.output,
          outputOmitted: reply.outputOmitted,
          executed: reply.executed,
        };
        if (cached || reply.statements === null) return { statements: cached ?? [], ...printed };
        const statements = reviewStatements(reply.statements, db.engine, DJANGO_BOOKKEEPING_TABLES);
        rendered.set(key, statements);
        return { statements, ...printed };
      };
      return {
        up: (m) => step(m, 'up'),
        down: (m) => step(m, 'down'),
        close: () => proc.close(),
      };
    },
  };
}

function splitId(id: string): [string, string] {
  const at = id.indexOf('.');
  return [id.slice(0, at), id.slice(at + 1)];
}
