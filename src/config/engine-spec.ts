import { DEFAULT_ENGINE, ENGINE_NAMES, ENGINES, engineByName } from '../dialects/registry.js';
import { UsageError } from '../errors.js';
import type { EngineSpec } from '../vocabulary/engine-spec.js';

/** `postgres`, `postgres:16`, `mysql:8.4`, `mariadb:11.4` -> EngineSpec. */
export function parseEngine(value: string, flag = '--engine'): EngineSpec {
  const [rawName = '', version, ...rest] = value.trim().split(':');
  const name = engineByName(rawName);
  if (name === null || rest.length > 0) {
    const forms = ENGINE_NAMES.map((e) => `${e}[:${ENGINES[e].versionForm}]`);
    throw new UsageError(
      `${flag} ${value}: unknown engine; use ${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`,
    );
  }
  if (version !== undefined && !/^\d+(\.\d+){0,2}$/.test(version)) {
    throw new UsageError(`${flag} ${value}: the version must be a number like 16 or 8.4`);
  }
  return { engine: name, version: version ?? null };
}

/**
 * The engine to check when none is named: the one a server URL's scheme names (`mysql://` ->
 * mysql, `mariadb://` -> mariadb; a MariaDB server behind mysql:// is recognised by its version
 * later), otherwise the default engine.
 */
export function defaultEngine(url: string | null): string {
  const scheme = url ? /^([a-z]+):/i.exec(url)?.[1]?.toLowerCase() : undefined;
  return scheme !== undefined && Object.hasOwn(ENGINES, scheme) ? scheme : DEFAULT_ENGINE;
}
