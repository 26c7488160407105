/**
 * Where a project's Alembic lives: alembic.ini in the project root (or the .ini that --migrations
 * names), and optionally a --migrations folder that overrides its script_location. The driver runs
 * in the ini's folder, as `alembic` would, because script_location is usually relative to it.
 */

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MigratorSettings } from '../../config/options.js';
import type { ThrowawayDatabase } from '../../databases/provider.js';
import { ENGINES } from '../../dialects/registry.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { EngineName } from '../../schema/model.js';
import { PythonProcess } from './process.js';

export interface AlembicProject {
  ini: string | null;
  scriptLocation: string | null;
  /** The folder the driver runs in: the ini's folder, else the project root. */
  dir: string;
}

export async function findAlembicProject(options: MigratorSettings): Promise<AlembicProject> {
  let ini: string | null = null;
  let scriptLocation: string | null = null;
  for (const given of options.migrations) {
    const info = await stat(given).catch(() => null);
    if (!info)
      throw new ConfigError(
        `${path.relative(options.cwd, given) || given} does not exist: pass --migrations with alembic.ini or the script folder`,
      );
    if (info.isDirectory()) scriptLocation = given;
    else ini = given;
  }
  if (!ini) {
    const candidate = path.join(options.cwd, 'alembic.ini');
    if ((await stat(candidate).catch(() => null))?.isFile()) ini = candidate;
  }
  if (!ini && !scriptLocation) {
    throw new ConfigError(
      `alembic.ini not found in ${options.cwd}: run schemagate in the folder that holds it, or pass --migrations path/to/alembic.ini`,
    );
  }
  return { ini, scriptLocation, dir: ini ? path.dirname(ini) : options.cwd };
}

/**
 * The SQLAlchemy dialect the driver builds the throwaway database's URL with (and whose schema rules
 * its filters follow): MariaDB goes through SQLAlchemy's mysql dialect. Null with no engine (list).
 */
export function alembicBackend(engine: EngineName | null): string | null {
  if (engine === null) return null;
  return ENGINES[engine].sqlalchemyDialect;
}

/** Starts the Alembic driver for the project, bound to `db` when given. */
export function startAlembic(
  project: AlembicProject,
  options: MigratorSettings,
  log: Logger,
  db: ThrowawayDatabase | null,
  /** The engine when there is no database yet (the models' preflight renders offline for it). */
  engine: EngineName | null = null,
): Promise<PythonProcess> {
  return PythonProcess.start({
    python: options.python,
    driver: 'alembic_driver',
    config: {
      ini: project.ini,
      scriptLocation: project.scriptLocation,
      dbUrl: db?.url ?? null,
      backend: alembicBackend(db?.engine ?? engine),
      // Messages name files relative to it, as everything else schemagate prints does.
      projectRoot: options.cwd,
    },
    cwd: project.dir,
    tool: 'alembic',
    log,
  });
}
