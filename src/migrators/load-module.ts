import path from 'node:path';
import { createJiti } from 'jiti';
import { ConfigError } from '../errors.js';

/**
 * Loads a project's own JS or TS file (knexfile, migration, models module): CommonJS, ESM and
 * TypeScript alike, through jiti, so users need no build step and no loader flags. Failures become
 * one ConfigError line that names the file (relative to the project) and the cause.
 */
const jiti = createJiti(import.meta.url, {
  interopDefault: true,
  // Each check loads the project's current files; never serve a stale transpile.
  moduleCache: false,
  fsCache: false,
});

export async function loadModule(file: string, cwd: string): Promise<Record<string, unknown>> {
  try {
    return (await jiti.import(file)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${path.relative(cwd, file) || file}: ${firstLine(error)}`, {
      cause: error,
      hint: 'fix the file so that it loads with node',
    });
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'failed to load'
  );
}

/** `module.exports = x`, `export default x` and named exports all look the same afterwards. */
export function unwrapDefault(mod: Record<string, unknown>): Record<string, unknown> {
  const def = mod.default;
  if (
    def &&
    typeof def === 'object' &&
    Object.keys(mod).every((k) => k === 'default' || k === '__esModule')
  ) {
    return def as Record<string, unknown>;
  }
  return mod;
}
