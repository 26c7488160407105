/**
 * Models for drift in an Alembic project: the project's SQLAlchemy MetaData built with create_all on
 * the empty models database, by the project's own Python.
 *
 * Which MetaData: `--models package.module:Base.metadata` when given (any attribute path to a
 * MetaData, a declarative Base, or a list of them); otherwise the `target_metadata` that env.py hands
 * to context.configure(). To read it safely, env.py runs in offline mode with no migration steps, so
 * it imports the models and calls configure() but connects nowhere and runs nothing.
 */
import path from 'node:path';
import type { ModelSettings } from '../config/options.js';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { DEFAULT_ENGINE } from '../dialects/registry.js';
import type { Logger } from '../log.js';
import { alembicBackend, findAlembicProject, startAlembic } from '../migrators/python/alembic-project.js';
import { SpareDriver } from '../migrators/python/spare-driver.js';
import { withDriver } from './driver-request.js';
import type { ModelExclusions, ModelSource, TableNames } from './model-source.js';

interface DriverExclusions {
  filters: string[];
  envPy: string;
  tables: { schema: string; name: string; by: string }[];
  columns: { schema: string; table: string; name: string; by: string }[];
  warnings: string[];
}

/** `package.module:attribute.path`, the form --models takes for Python models. */
export const PYTHON_MODELS_SPEC = /^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$/;

/**
 * The `module:attribute` entry of --models, if any. The CLI resolves --models values to absolute
 * paths, so the spec is recognised relative to the project too.
 */
export function pythonModelsSpec(options: Pick<ModelSettings, 'cwd' | 'models'>): string | null {
  for (const entry of options.models) {
    for (const candidate of [entry, path.relative(options.cwd, entry)]) {
      if (PYTHON_MODELS_SPEC.test(candidate)) return candidate;
    }
  }
  return null;
}

export function createAlembicModels(options: ModelSettings, log: Logger): ModelSource {
  const spec = pythonModelsSpec(options);
  // The filters env.py declares, as the preflight found them (null: not known yet).
  let filters: string[] | null = null;
  const engine = options.engines[0]?.engine ?? DEFAULT_ENGINE;
  // A driver with no database: env.py read in offline mode.
  const offline = async () => startAlembic(await findAlembicProject(options), options, log, null, engine);
  // The preflight's driver stays as a spare for build() (spare-driver.ts).
  const spare = new SpareDriver();
  return {
    describe: spec ?? 'alembic env.py target_metadata (create_all)',
    release: () => spare.release(),
    // Reads target_metadata (or the --models MetaData) the way build() will, before any migration:
    // a project without one skips drift with a note instead of failing after the last migration.
    async preflight(signal?: AbortSignal) {
      return withDriver(
        offline,
        'loading the Alembic models',
        signal,
        async (proc) => {
          const result = await proc.request<{
            target: boolean | null;
            tables: number;
            filters: string[] | null;
            inconclusive?: string;
          }>('probe_models', { spec });
          filters = result.filters;
          if (result.inconclusive) {
            // env.py connects even in offline mode; the models are read when they are built.
            log.debug(`alembic models: not read before the migrations (${result.inconclusive})`);
            return null;
          }
          log.debug(`alembic models: ${result.tables} table(s) in ${spec ?? 'target_metadata'}`);
          return result.target
            ? null
            : "env.py sets no target_metadata (set it to your models' MetaData, or pass --models package.module:Base.metadata)";
        },
        spare,
      );
    },
    // env.py's include_name / include_object, asked about every table and column of both sides in
    // one request to a driver that reads env.py offline (no database). No filter, no process.
    async exclusions(tables: TableNames[], signal?: AbortSignal): Promise<ModelExclusions | null> {
      if (filters !== null && filters.length === 0) return null;
      return withDriver(offline, "asking env.py's filters", signal, async (proc) => {
        const result = await proc.request<DriverExclusions>('exclusions', { spec, tables });
        if (result.filters.length === 0 && result.warnings.length === 0) return null;
        const by = (filter: string) => `${result.envPy}'s ${filter}`;
        return {
          tables: result.tables.map((t) => ({ ...t, by: by(t.by) })),
          columns: result.columns.map((c) => ({ ...c, by: by(c.by) })),
          warnings: result.warnings,
        };
      });
    },
    async build(db: ThrowawayDatabase, signal?: AbortSignal) {
      const start = async () =>
        (await spare.take({ dbUrl: db.url, backend: alembicBackend(db.engine) })) ??
        (await startAlembic(await findAlembicProject(options), options, log, db));
      await withDriver(start, 'building the Alembic models', signal, async (proc) => {
        const result = await proc.request<{ tables: number }>('models', { spec });
        log.debug(`alembic models: ${result.tables} table(s) created`);
      });
    },
  };
}
