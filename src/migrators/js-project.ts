/**
 * What a Node project's package.json says about its migration tool: whether it depends on the tool,
 * and the flags its npm scripts pass the tool's CLI (`"migrate": "node-pg-migrate -m db/migrations"`),
 * which is where most projects keep that tool's settings. Read as text, no code runs: detection
 * uses it too.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

export async function readPackageJson(cwd: string): Promise<PackageJson | null> {
  const text = await readFile(path.join(cwd, 'package.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as PackageJson) : null;
  } catch {
    return null;
  }
}

export function dependsOn(pkg: PackageJson | null, name: string): boolean {
  return Boolean(pkg?.dependencies?.[name] ?? pkg?.devDependencies?.[name]);
}

/**
 * The value of a flag in the first npm script that runs `command`: `--name VALUE`, `--name=VALUE`
 * or `-a VALUE` for each alias; `true` for a flag given without a value; undefined when absent.
 */
export function scriptFlag(
  pkg: PackageJson | null,
  command: string,
  names: readonly string[],
): string | true | undefined {
  for (const script of Object.values(pkg?.scripts ?? {})) {
    const words = script.split(/\s+/).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    const at = words.findIndex((w) => w === command || w.endsWith(`/${command}`));
    if (at < 0) continue;
    for (let i = at + 1; i < words.length && !['&&', '||', ';', '|'].includes(words[i]!); i++) {
      const word = words[i]!;
      for (const name of names) {
        if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
        if (word === name) {
          const next = words[i + 1];
          return next !== undefined && !next.startsWith('-') && !['&&', '||', ';'].includes(next)
            ? next
            : true;
        }
      }
    }
    return undefined;
  }
  return undefined;
}

/** Whether a folder holds migration modules (`.js`, `.ts`, ... files, not type declarations). */
export async function hasScriptFiles(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.some((e) => e.isFile() && SCRIPT_FILE.test(e.name));
}

export const SCRIPT_FILE = /^(?!.*\.d\.[cm]?ts$)[^.].*\.[cm]?[jt]s$/;
