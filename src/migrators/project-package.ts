import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';

/**
 * Loads a migration tool's package the way the project itself would: resolved from the project's
 * folder (its node_modules, then its parents'), never from schemagate's own. The tool builds the
 * project's SQL, so the version the project pins is the one that must run; and schemagate's bundle
 * stays free of it (scripts/build.mjs). CommonJS and ESM packages alike: the module namespace (a
 * CommonJS package's `module.exports` is its `default`; see `exported`).
 */
export async function loadProjectPackage(
  cwd: string,
  name: string,
  tool: string,
): Promise<Record<string, unknown>> {
  // createRequire needs a file name; the file itself need not exist.
  const require = createRequire(path.join(path.resolve(cwd), 'package.json'));
  let resolved: string;
  try {
    resolved = require.resolve(name);
  } catch (error) {
    throw new ConfigError(
      `${name} is not installed in ${cwd}: schemagate runs the project's own ${tool}; run npm install ${name} there`,
      { cause: error },
    );
  }
  return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
}

/** A named export of an ESM package, or a property of a CommonJS package's `module.exports`. */
export function exported(namespace: Record<string, unknown>, key: string): unknown {
  if (namespace[key] !== undefined) return namespace[key];
  const commonjs = namespace.default as Record<string, unknown> | undefined;
  return commonjs && (typeof commonjs === 'object' || typeof commonjs === 'function')
    ? commonjs[key]
    : undefined;
}
