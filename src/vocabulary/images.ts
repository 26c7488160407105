/**
 * Which container image the docker provider runs for an engine and version. The defaults are pinned in each
 * engine's descriptor (src/dialects/<engine>/descriptor.ts, `image`) and nowhere else, so a bot or a person can
 * bump them in one place. `--image ENGINE=IMAGE` overrides them for
 * mirrors and private registries.
 */
import { ENGINE_NAMES, ENGINES, type EngineName } from '../dialects/registry.js';
import { UsageError } from '../errors.js';
import type { EngineSpec } from './engine-spec.js';

/** Every engine for each engine: the values of `f` keyed by engine name. */
function perEngine<T>(f: (engine: EngineName) => T): Readonly<Record<EngineName, T>> {
  return Object.freeze(Object.fromEntries(ENGINE_NAMES.map((e) => [e, f(e)])) as Record<EngineName, T>);
}

/** The version each engine runs when `--engine` names no version (each descriptor's `image`). */
export const DEFAULT_VERSIONS: Readonly<Record<EngineName, string>> = perEngine(
  (e) => ENGINES[e].image.defaultVersion,
);

/** A version as the user may write it: `16`, `16.4`, `8.4`, `11.4.5`, `lts`, `11.4-noble`. */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The official images for the default versions: postgres:17-alpine, mysql:8.4, mariadb:11.4. */
export const DEFAULT_IMAGES: Readonly<Record<EngineName, string>> = perEngine((e) => officialImage(e, null));

/** `--engine postgres:16` → `postgres:16-alpine`; `mysql:8.4` → `mysql:8.4`; a null version → the default. */
export function officialImage(engine: EngineName, version: string | null): string {
  const { repository, tag } = ENGINES[engine].image;
  const v = version ?? DEFAULT_VERSIONS[engine];
  if (!VERSION.test(v)) {
    throw new UsageError(
      `--engine ${engine}:${v}: "${v}" is not a version (write e.g. ${engine}:${DEFAULT_VERSIONS[engine]})`,
    );
  }
  return `${repository}:${tag.replace('{version}', v)}`;
}

/** Overrides from `--image ENGINE=IMAGE`, keyed by `postgres` (every version) or `postgres:16` (that one). */
export type ImageOverrides = ReadonlyMap<string, string>;

/**
 * Parses the values of `--image`: `postgres=mirror.example/postgres:16`, `mysql:8.4=registry.local/mysql:8.4`.
 * An image with no tag (`postgres=mirror.example/library/postgres`) gets the official tag for the engine's
 * version, so one flag covers a mirror for every version.
 */
export function parseImageOverrides(values: readonly string[]): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const value of values) {
    const at = value.indexOf('=');
    const key = at === -1 ? '' : value.slice(0, at).trim();
    const image = at === -1 ? '' : value.slice(at + 1).trim();
    const engine = key.split(':')[0] as EngineName;
    if (!key || !image || !ENGINE_NAMES.includes(engine)) {
      throw new UsageError(
        `--image ${value}: write ENGINE=IMAGE with ENGINE one of ${ENGINE_NAMES.join(', ')} (optionally with a version, ` +
          'e.g. --image postgres:16=mirror.example/postgres:16-alpine)',
      );
    }
    if (/\s/.test(image)) throw new UsageError(`--image ${value}: an image name has no spaces`);
    if (key.includes(':') && !VERSION.test(key.slice(engine.length + 1))) {
      throw new UsageError(`--image ${value}: "${key}" is not ENGINE or ENGINE:VERSION`);
    }
    overrides.set(key, image);
  }
  return overrides;
}

/** Whether an image reference carries a tag or digest (a `:` after the last `/`, or an `@`). */
function hasTag(image: string): boolean {
  return image.includes('@') || image.slice(image.lastIndexOf('/') + 1).includes(':');
}

/**
 * The image for one engine spec: its own `image` (set from `--image` by the caller) first, then an override for
 * `engine:version`, then one for `engine`, then the official image. A tagless override gets the official tag.
 */
export function resolveImage(spec: EngineSpec, overrides: ImageOverrides = new Map()): string {
  const version = spec.version ?? DEFAULT_VERSIONS[spec.engine];
  const chosen =
    spec.image ?? overrides.get(`${spec.engine}:${version}`) ?? overrides.get(spec.engine) ?? null;
  if (chosen === null) return officialImage(spec.engine, spec.version);
  if (hasTag(chosen)) return chosen;
  const officialTag = officialImage(spec.engine, spec.version).split(':')[1];
  return `${chosen}:${officialTag}`;
}
