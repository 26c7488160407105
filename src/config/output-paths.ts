/**
 * The files and folder a run writes at its end (--json, --markdown, --write-migration), checked
 * before anything starts: a report path that is a folder, or a folder that cannot be created, must
 * not cost a whole run and then lose its report. Nothing is created here.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Options } from './options.js';

type Where = { json: string; markdown: string; 'write-migration': string };

export function checkOutputPaths(
  options: Pick<Options, 'cwd' | 'jsonPath' | 'markdownPath' | 'writeMigrationDir'>,
  where: Where,
): void {
  const shown = (p: string) => path.relative(options.cwd, p) || p;
  if (options.jsonPath && options.jsonPath === options.markdownPath) {
    throw new UsageError(
      `${where.json} and ${where.markdown} are the same file (${shown(options.jsonPath)}): give each its own path`,
    );
  }
  for (const [key, file] of [
    ['json', options.jsonPath],
    ['markdown', options.markdownPath],
  ] as const) {
    if (!file) continue;
    const info = statSync(file, { throwIfNoEntry: false });
    if (info?.isDirectory())
      throw new UsageError(
        `${where[key]} ${shown(file)} is a folder: pass a file path, e.g. ${shown(path.join(file, `report.${key === 'json' ? 'json' : 'md'}`))}`,
      );
    if (info) requireWritable(file, `${where[key]} ${shown(file)}: the file cannot be written`);
    else requireCreatable(path.dirname(file), `${where[key]} ${shown(file)}`);
  }
  const dir = options.writeMigrationDir;
  if (dir) {
    const info = statSync(dir, { throwIfNoEntry: false });
    if (info && !info.isDirectory())
      throw new UsageError(`${where['write-migration']} ${shown(dir)} is a file: pass a folder`);
    if (info) requireWritable(dir, `${where['write-migration']} ${shown(dir)}: the folder cannot be written`);
    else requireCreatable(path.dirname(dir), `${where['write-migration']} ${shown(dir)}`);
  }
}

/** The nearest existing folder above a path to be created must be a folder we may write to. */
function requireCreatable(dir: string, what: string): void {
  let at = dir;
  for (;;) {
    const info = statSync(at, { throwIfNoEntry: false });
    if (info) {
      if (!info.isDirectory())
        throw new UsageError(`${what}: ${at} is a file, so the folder cannot be created; pick another path`);
      requireWritable(at, `${what}: cannot create it in ${at} (not writable); pick another path`);
      return;
    }
    const up = path.dirname(at);
    if (up === at) return;
    at = up;
  }
}

function requireWritable(p: string, message: string): void {
  try {
    accessSync(p, constants.W_OK);
  } catch {
    throw new UsageError(message);
  }
}
