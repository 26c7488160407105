/**
 * The engines schemagate checks: one descriptor each (src/dialects/<engine>/descriptor.ts), frozen.
 * Adding an engine is one folder and one line here (ARCHITECTURE.md, "Adding an engine").
 *
 * This module is imported at startup (flags, URLs, images), so it holds only the descriptors' plain
 * data; every heavy part is a dynamic import behind `descriptor.load`.
 */
import type { EngineDescriptor, LazyParts } from './descriptor.js';
import { mariadbDescriptor, mysqlDescriptor } from './mysql/descriptor.js';
import { postgresDescriptor } from './postgres/descriptor.js';

/**
 * Each lazy part loads once: later and concurrent callers share the first call's promise. Two
 * servers of one engine start at once (two Postgres majors), and a module loader that is asked for
 * a module while it is still evaluating it hands out its half-built exports (jiti does, running the
 * sources): the second container recipe then met an undefined import.
 */
function loadingOnce<D extends EngineDescriptor>(descriptor: D): D {
  const loaded = new Map<string, Promise<unknown>>();
  const load = Object.fromEntries(
    Object.entries(descriptor.load).map(([part, loader]) => [
      part,
      () => {
        let pending = loaded.get(part);
        if (!pending) {
          pending = (loader as () => Promise<unknown>)();
          loaded.set(part, pending);
          pending.catch(() => loaded.delete(part)); // a failed load is tried again next time
        }
        return pending;
      },
    ]),
  ) as unknown as LazyParts;
  return Object.freeze({ ...descriptor, load: Object.freeze(load) });
}

export const ENGINES = Object.freeze({
  postgres: loadingOnce(postgresDescriptor),
  mysql: loadingOnce(mysqlDescriptor),
  mariadb: loadingOnce(mariadbDescriptor),
});

export type EngineName = keyof typeof ENGINES;

/** Every engine's name, in the registry's order. */
export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(Object.keys(ENGINES) as EngineName[]);

/** The engine checked when nothing names one. */
export const DEFAULT_ENGINE: EngineName = 'postgres';

/** The descriptor parts that load on first use (the registry test loads each one of every engine). */
export const LAZY_PARTS = Object.freeze([
  'dialect',
  'ddlWriter',
  'container',
  'admin',
  'sqlRunner',
  'schemaScript',
] as const satisfies readonly (keyof LazyParts)[]);

/** Fails to compile when a lazy part is added to LazyParts and not to LAZY_PARTS. */
type UnlistedPart = Exclude<keyof LazyParts, (typeof LAZY_PARTS)[number]>;
export const LAZY_PARTS_COMPLETE: [UnlistedPart] extends [never] ? true : UnlistedPart = true;

export function isEngineName(name: string): name is EngineName {
  return Object.hasOwn(ENGINES, name);
}

/** An engine by its name or one of its aliases, case-insensitive; null when none has it. */
export function engineByName(name: string): EngineName | null {
  const lower = name.toLowerCase();
  if (isEngineName(lower)) return lower;
  return ENGINE_NAMES.find((e) => ENGINES[e].aliases.includes(lower)) ?? null;
}

/** The engines a server URL's scheme (without `:`) may serve, in the registry's order. */
export function enginesForScheme(scheme: string): EngineName[] {
  return ENGINE_NAMES.filter((e) => ENGINES[e].urlSchemes.includes(scheme));
}

/** The engine a server really is: its version string may tell a variant (MariaDB behind mysql://). */
export function actualEngine(engine: EngineName, serverVersion: string): EngineName {
  const told = ENGINES[engine].serverEngine(serverVersion);
  return told !== null && isEngineName(told) ? told : engine;
}
