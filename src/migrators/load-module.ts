import path from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Loads a project's own JS or TS file (knexfile, migration, models module): CommonJS, ESM and
 * TypeScript alike, through jiti, so users need no build step and no loader flags. Failures become
 * one ConfigError line that names the file (relative to the project) and the cause.
 */
type Jiti = ReturnType<typeof import('jiti/static').createJiti>;
let jiti: Promise<Jiti> | null = null;

/**
 * `jiti/static` imports its Babel transform statically, so the bundle carries it (plain `jiti`
 * requires it from a path that does not exist inside dist/). Loaded on first use: a run whose
 * files need no transform never pays for it.
 */
function loader(): Promise<Jiti> {
  jiti ??= import('jiti/static').then(({ createJiti }) =>
    createJiti(import.meta.url, {
      interopDefault: true,
      // Each check loads the project's current files; never serve a stale transpile.
      moduleCache: false,
      fsCache: false,
    }),
  );
  return jiti;
}

/**
 * Loads `file`; a failure is one ConfigError line that starts with `label` (default: the file's
 * path relative to the project) and the line:column of a syntax error when the loader names one.
 */
export async function loadModule(
  file: string,
  cwd: string,
  label?: string,
): Promise<Record<string, unknown>> {
  try {
    return (await (await loader()).import(file)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // jiti's parse errors end with `path:line:column`.
    const at = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(message);
    const where = at ? `:${at[1]}:${at[2]}` : '';
    throw new ConfigError(
      `${label ?? (path.relative(cwd, file) || file)}${where}: cannot load the module: ${firstLine(message)}`,
      {
        cause: error,
        hint: 'fix the file so that it loads with node',
      },
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstLine(message: string): string {
  return (
    message
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'failed to load'
  );
}

/**
 * `module.exports = x`, `export default x` and named exports all look the same afterwards. A
 * CommonJS file that Node itself loads (Node 23+) also has a `module.exports` key beside `default`.
 */
export function unwrapDefault(mod: Record<string, unknown>): Record<string, unknown> {
  const def = mod.default;
  if (
    def &&
    typeof def === 'object' &&
    Object.keys(mod).every((k) => k === 'default' || k === '__esModule' || k === 'module.exports')
  ) {
    return def as Record<string, unknown>;
  }
  return mod;
}
