import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { ConfigError } from '../errors.js';
import { CONFIG_KEYS, SETTINGS } from './settings.js';

export const CONFIG_FILES = ['schemagate.config.json', 'schemagate.config.yml', 'schemagate.config.yaml'];

/** The config file's keys are the CLI's long flag names; lists may be arrays or single values. */
export type RawSettings = Record<string, string | boolean | string[] | undefined>;

/**
 * What each key holds, from the settings table. A value of another type is an error that names the
 * key, never ignored: a `"verbose": "yes"` that silently meant nothing is worse than a message.
 */
const KEY_TYPES: Record<string, 'boolean' | 'text' | 'list'> = Object.fromEntries(
  SETTINGS.filter((s) => s.config).map((s) => [s.flag, s.type === 'string' ? 'text' : s.type]),
);

/** `shown` names the file in the message, `key` the key as the file spells it. */
function typed(
  shown: string,
  key: string,
  type: 'boolean' | 'text' | 'list',
  value: unknown,
): string | boolean | string[] {
  const where = `${shown}: '${key}'`;
  const scalar = (v: unknown, what: string): string => {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') throw new ConfigError(`${where} is ${JSON.stringify(v)}: expected ${what}`);
    if (v.trim() === '') throw new ConfigError(`${where} is empty: give it a value, or remove the key`);
    return v;
  };
  if (type === 'boolean') {
    if (typeof value !== 'boolean')
      throw new ConfigError(`${where} is ${JSON.stringify(value)}: expected true or false (no quotes)`);
    return value;
  }
  if (type === 'text') return scalar(value, 'a string');
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw new ConfigError(`${where} is empty: give it a value, or remove the key`);
  return Array.isArray(value)
    ? items.map((v) => scalar(v, 'a list of strings'))
    : scalar(value, 'a string or a list of strings');
}

/**
 * Reads `schemagate.config.json` or `.yml` from the project root (or the file given with --config).
 * Keys are the flag names (`migrations`, `engine`, `provider`, `models-command`, ...), camelCase
 * accepted too; an unknown key is an error that names the file and the key.
 */
export async function readConfigFile(
  cwd: string,
  explicit: string | null,
): Promise<{ file: string | null; shown: string; settings: RawSettings }> {
  const file = explicit
    ? path.resolve(cwd, explicit)
    : (CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => existsSync(f)) ?? null);
  if (!file) return { file: null, shown: 'schemagate config', settings: {} };
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
  if (parsed === null || parsed === undefined) return { file, shown, settings: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`${shown}: must be an object of settings`);
  const settings: RawSettings = {};
  for (const [rawKey, value] of Object.entries(parsed as Record<string, unknown>)) {
    const key = rawKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const canonical = key === 'engines' ? 'engine' : key;
    if (!CONFIG_KEYS.includes(canonical)) {
      throw new ConfigError(`${shown}: unknown key '${rawKey}' (known: ${CONFIG_KEYS.join(', ')})`);
    }
    settings[canonical] = typed(shown, rawKey, KEY_TYPES[canonical] ?? 'list', value);
  }
  return { file, shown, settings };
}
