import type { EngineSpec } from '../databases/provider.js';
import { UsageError } from '../errors.js';
import type { EngineName } from '../schema/model.js';

const ENGINES: readonly EngineName[] = ['postgres', 'mysql', 'mariadb'];
const ALIASES: Record<string, EngineName> = { postgresql: 'postgres', pg: 'postgres' };

/** `postgres`, `postgres:16`, `mysql:8.4`, `mariadb:11.4` -> EngineSpec. */
export function parseEngine(value: string, flag = '--engine'): EngineSpec {
  const [rawName = '', version, ...rest] = value.trim().split(':');
  const name = ALIASES[rawName.toLowerCase()] ?? (rawName.toLowerCase() as EngineName);
  if (!ENGINES.includes(name) || rest.length > 0) {
    throw new UsageError(
      `${flag} ${value}: unknown engine; use postgres[:MAJOR], mysql[:VERSION] or mariadb[:VERSION]`,
    );
  }
  if (version !== undefined && !/^\d+(\.\d+){0,2}$/.test(version)) {
    throw new UsageError(`${flag} ${value}: the version must be a number like 16 or 8.4`);
  }
  return { engine: name, version: version ?? null };
}

/**
 * The engine to check when none is named: the one a server URL's scheme says (`mysql://` ->
 * mysql; a MariaDB server behind it is recognised by its version later), otherwise Postgres.
 */
export function defaultEngine(url: string | null): string {
  const scheme = url ? /^([a-z]+):/i.exec(url)?.[1]?.toLowerCase() : undefined;
  return scheme === 'mysql' || scheme === 'mariadb' ? scheme : 'postgres';
}
