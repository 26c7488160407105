/**
 * Value checks shared by the CLI flags, the config file and the Action's inputs, so the three accept
 * exactly the same values. `where` names the flag, key or input in the message (`--timeout`,
 * `schemagate.config.json 'timeout'`, `Input 'drift'`).
 */
import { UsageError } from '../errors.js';

/** The longest run schemagate accepts: a day. Node's timers also stop at about 24.8 days. */
export const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

export const DRIFT_MODES = ['fail', 'warn', 'off'] as const;
export type DriftMode = (typeof DRIFT_MODES)[number];

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
