/**
 * Where a project's Django lives: manage.py in the project root. The driver runs in its folder, as
 * `python manage.py` would.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Options } from '../../config/options.js';
import type { ThrowawayDatabase } from '../../databases/provider.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { DJANGO_DRIVER } from './django-driver.js';
import { PythonProcess } from './process.js';

export interface DjangoProject {
  manage: string;
  dir: string;
}

export async function findDjangoProject(options: Options): Promise<DjangoProject> {
  const given = options.migrations.find((m) => path.basename(m) === 'manage.py');
  const manage = given ?? path.join(options.cwd, 'manage.py');
  if (!(await stat(manage).catch(() => null))?.isFile()) {
    throw new ConfigError(
      `manage.py not found in ${options.cwd}: run schemagate in the folder that holds it, or pass --migrations path/to/manage.py`,
    );
  }
  return { manage, dir: path.dirname(manage) };
}

/** Starts the Django driver for the project, bound to `db` when given (a dummy database otherwise). */
export function startDjango(
  project: DjangoProject,
  options: Options,
  log: Logger,
  db: ThrowawayDatabase | null,
): Promise<PythonProcess> {
  return PythonProcess.start({
    python: options.python,
    script: DJANGO_DRIVER,
    config: {
      manage: project.manage,
      projectRoot: options.cwd,
      dbUrl: db?.url ?? null,
      engine: db?.engine ?? null,
    },
    cwd: project.dir,
    tool: 'django',
    log,
  });
}
