import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { commandLine, currentOwner, type Owner, ownerAlive, processGone } from '../owner.js';

/**
 * An embedded server's data folder is named after the process that owns it
 * (`schemagate-pg-<owner pid>-XXXXXX`, so ownership holds from the moment the folder exists) and
 * records the owner's start time in `owner.json`. A run killed with SIGKILL leaves the folder and a
 * running postgres (its own process group, so it outlives the run); the next embedded run ends that
 * postgres and removes the folder, when the owner no longer runs. Folders of live runs, and folders
 * not named this way, are never touched.
 */

const OWNED_DIR = /^schemagate-pg-(\d+)-/;
const OWNER_FILE = 'owner.json';

export function ownedDirPrefix(prefix: string): string {
  return `${prefix}${process.pid}-`;
}

export async function writeOwner(dir: string): Promise<void> {
  await writeFile(path.join(dir, OWNER_FILE), `${JSON.stringify(currentOwner())}\n`);
}

async function readOwner(dir: string, pid: number): Promise<Owner> {
  try {
    const recorded = JSON.parse(await readFile(path.join(dir, OWNER_FILE), 'utf8')) as Partial<Owner>;
    return { pid, start: typeof recorded.start === 'string' ? recorded.start : null };
  } catch {
    // Not written yet (the owner is creating the folder right now), or lost: the pid alone decides.
    return { pid, start: null };
  }
}

/** The postmaster's pid (first line of postmaster.pid), if that process still runs on this folder. */
async function runningPostgres(dir: string): Promise<number | null> {
  try {
    const pid = Number.parseInt(
      (await readFile(path.join(dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]!,
      10,
    );
    return Number.isInteger(pid) && pid > 0 && !processGone(pid) && commandLine(pid).includes(dir)
      ? pid
      : null;
  } catch {
    return null;
  }
}

async function killGroup(pid: number): Promise<void> {
  try {
    // The server was started detached: it leads its own group, with its backends in it.
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  for (let i = 0; i < 100 && !processGone(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Ends the servers and removes the data folders that dead runs left under `root`; one line each. */
export async function reapEmbedded(root: string, prefix: string, log: Logger): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(OWNED_DIR.exec(name)?.[1]);
    if (!pid) continue;
    const dir = path.join(root, name);
    if (ownerAlive(await readOwner(dir, pid))) continue;
    try {
      const postgres = await runningPostgres(dir);
      if (postgres !== null) await killGroup(postgres);
      await rm(dir, { recursive: true, force: true });
      log.info(
        `removed ${postgres !== null ? `embedded postgres (pid ${postgres}) and ` : ''}data folder ${dir}: left by a run (pid ${pid}) that ended without cleaning up`,
      );
    } catch (error) {
      log.warn(`could not remove ${dir}, left by an earlier run: ${errorMessage(error)}`);
    }
  }
}
