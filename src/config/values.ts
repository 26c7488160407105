/**
 * Value checks shared by the CLI flags, the config file and the Action's inputs, so the three accept
 * exactly the same values. `where` names the flag, key or input in the message (`--timeout`,
 * `schemagate.config.json 'timeout'`, `Input 'drift'`).
 */

import { errorMessage, UsageError } from '../errors.js';
import type { EngineSpec } from '../vocabulary/engine-spec.js';
import { parseImageOverrides } from '../vocabulary/images.js';
import { parseEngine } from './engine-spec.js';

/** The longest run schemagate accepts: a day. Node's timers also stop at about 24.8 days. */
export const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

export const DRIFT_MODES = ['fail', 'warn', 'off'] as const;
export type DriftMode = (typeof DRIFT_MODES)[number];

export const IRREVERSIBLE_MODES = ['declared', 'all', 'none'] as const;

/** Whole seconds from 1 to 86400 (24 h), in milliseconds. */
export function parseTimeout(text: string, where: string): number {
  const seconds = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new UsageError(
      `${where} is '${text}': expected a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS} (24 h)`,
    );
  }
  return seconds * 1000;
}

/** One of `allowed`, else an error that lists them. */
export function oneOf<T extends string>(text: string, allowed: readonly T[], where: string): T {
  if (!allowed.includes(text as T))
    throw new UsageError(`${where} is '${text}': expected one of ${allowed.join(', ')}`);
  return text as T;
}

/** `postgres`, `postgres:16`, `mysql:8.4`: each at most once. */
export function parseEngines(values: string[], where: string): EngineSpec[] {
  // `--engine oracle: unknown engine`, `Input 'engines' has oracle: unknown engine`.
  const named = where.startsWith('--') ? where : `${where} has`;
  const specs = values.map((e) => parseEngine(e, named));
  const seen = new Set<string>();
  for (const e of specs) {
    const key = `${e.engine}${e.version ? `:${e.version}` : ''}`;
    if (seen.has(key)) throw new UsageError(`${where} names ${key} twice`);
    seen.add(key);
  }
  return specs;
}

/** `ENGINE[:VERSION]=IMAGE` overrides (images.ts), named by the flag, input or config key. */
export function parseImages(values: string[], where: string): Map<string, string> {
  try {
    return parseImageOverrides(values);
  } catch (error) {
    if (where === '--image') throw error;
    throw new UsageError(`${where}: ${errorMessage(error).replace(/^--image /, '')}`);
  }
}
