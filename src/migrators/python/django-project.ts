/**
 * Where a project's Django lives: manage.py in the project root. The driver runs in its folder, as
 * `python manage.py` would.
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

export interface DjangoProject {
  manage: string;
  dir: string;
}

export async function findDjangoProject(options: MigratorSettings): Promise<DjangoProject> {
  const given = options.migrations.find((m) => path.basename(m) === 'manage.py');
  const manage = given ?? path.join(options.cwd, 'manage.py');
  if (!(await stat(manage).catch(() => null))?.isFile()) {
    throw new ConfigError(
      `manage.py not found in ${options.cwd}: run schemagate in the folder that holds it, or pass --migrations path/to/manage.py`,
    );
  }
  return { manage, dir: path.dirname(manage) };
}

/**
 * The Django ENGINE the driver gives the throwaway database, unless the project's own backend is of
 * the same family (PostGIS, a wrapper): MariaDB goes through Django's mysql backend. Null with no
 * database (the driver then uses Django's dummy backend).
 */
export function djangoBackend(engine: EngineName | null): string | null {
  if (engine === null) return null;
  return ENGINES[engine].djangoBackend;
}

/** Starts the Django driver for the project, bound to `db` when given (a dummy database otherwise). */
export function startDjango(
  project: DjangoProject,
  options: MigratorSettings,
  log: Logger,
  db: ThrowawayDatabase | null,
): Promise<PythonProcess> {
  return PythonProcess.start({
    python: options.python,
    driver: 'django_driver',
    config: {
      manage: project.manage,
      projectRoot: options.cwd,
      dbUrl: db?.url ?? null,
      backend: djangoBackend(db?.engine ?? null),
    },
    cwd: project.dir,
    tool: 'django',
    log,
  });
}
