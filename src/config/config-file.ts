import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { ConfigError } from '../errors.js';

export const CONFIG_FILES = ['schemagate.config.json', 'schemagate.config.yml', 'schemagate.config.yaml'];

/** The config file's keys are the CLI's long flag names; lists may be arrays or single values. */
export type RawSettings = Record<string, string | boolean | string[] | undefined>;

/**
 * Reads `schemagate.config.json` or `.yml` from the project root (or the file given with --config).
 * Keys are the flag names (`migrations`, `engine`, `provider`, `models-command`, ...), camelCase
 * accepted too; an unknown key is an error that names the file and the key.
 */
export async function readConfigFile(
  cwd: string,
  explicit: string | null,
  known: readonly string[],
): Promise<{ file: string | null; settings: RawSettings }> {
  const file = explicit
    ? path.resolve(cwd, explicit)
    : (CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => existsSync(f)) ?? null);
  if (!file) return { file: null, settings: {} };
  const shown = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(`${shown}: cannot be read (check --config)`);
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${shown}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (parsed === null || parsed === undefined) return { file, settings: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`${shown}: must be an object of settings`);
  const settings: RawSettings = {};
  for (const [rawKey, value] of Object.entries(parsed as Record<string, unknown>)) {
    const key = rawKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const canonical = key === 'engines' ? 'engine' : key;
    if (!known.includes(canonical)) {
      throw new ConfigError(`${shown}: unknown key '${rawKey}' (known: ${known.join(', ')})`);
    }
    if (Array.isArray(value)) settings[canonical] = value.map(String);
    else if (typeof value === 'boolean') settings[canonical] = value;
    else if (typeof value === 'number' || typeof value === 'string') settings[canonical] = String(value);
    else throw new ConfigError(`${shown}: '${rawKey}' must be a string, number, boolean or list`);
  }
  return { file, settings };
}
