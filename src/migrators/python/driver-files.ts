/**
 * Where the Python drivers' .py files are, and the command line that runs one.
 *
 * From source (vitest, jiti, the bench) they are in src/migrators/python/py/, beside this file. In
 * the bundle, scripts/build.mjs copies them to dist/python/, and this code runs from dist/index.js,
 * dist/cli.js or a shared chunk in dist/chunks/: so the folder is looked for beside the running file
 * and one level up.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type PythonDriver = 'alembic_driver' | 'django_driver';

/** The drivers' folder in dist/ (scripts/build.mjs copies src/migrators/python/py/ there). */
export const BUNDLED_DRIVER_FOLDER = 'python';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The folder that holds bootstrap.py and the drivers, for code running from `moduleDir`. */
export function findDriverFolder(moduleDir: string = HERE): string {
  const candidates = [
    path.join(moduleDir, 'py'),
    path.join(moduleDir, BUNDLED_DRIVER_FOLDER),
    path.join(moduleDir, '..', BUNDLED_DRIVER_FOLDER),
  ];
  const found = candidates.find((folder) => existsSync(path.join(folder, 'bootstrap.py')));
  if (!found) {
    // Not the project's fault: schemagate itself is incomplete (a bundle built without its copy).
    throw new Error(`schemagate's Python drivers are missing: no bootstrap.py in ${candidates.join(', ')}`);
  }
  return found;
}

/**
 * The interpreter's arguments that run `driver` with `config` as its sys.argv[1]. bootstrap.py goes
 * in through -c (see there for why not as a file), and the drivers' folder and name after the config.
 */
export async function driverArgs(
  driver: PythonDriver,
  config: unknown,
  folder: string = findDriverFolder(),
): Promise<string[]> {
  const bootstrap = await readFile(path.join(folder, 'bootstrap.py'), 'utf8');
  return ['-c', bootstrap, JSON.stringify(config), folder, driver];
}
