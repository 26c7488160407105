import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countContainers, removeLeftovers } from '../../../src/databases/docker/index.js';
import { DOCKER, SKIP_REASON, TEST_IMAGES } from '../../helpers/docker.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'start-and-wait.ts');
const REPO = path.resolve(import.meta.dirname, '..', '..', '..');

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startChild(engine: string, image: string, runId: string, timeoutMs?: number): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'jiti/register', FIXTURE, engine, image, runId, ...(timeoutMs ? [String(timeoutMs)] : [])],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

async function until(what: string, check: () => Promise<boolean> | boolean, child: Child): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    if (child.process.exitCode !== null) throw new Error(`child exited before ${what}: ${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}: ${child.output()}`);
}

describe.skipIf(!DOCKER)(`SIGTERM in the middle of a run${SKIP_REASON}`, () => {
  const runIds: string[] = [];
  const children: Child[] = [];

  afterEach(async () => {
    for (const c of children.splice(0)) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    // Only if a test failed: never leave its containers running.
    for (const runId of runIds.splice(0)) await removeLeftovers(runId);
  });

  function run(engine: string, image: string, timeoutMs?: number) {
    const runId = `sigterm-${randomBytes(4).toString('hex')}`;
    runIds.push(runId);
    const child = startChild(engine, image, runId, timeoutMs);
    children.push(child);
    return { runId, child };
  }

  it('leaves zero containers when the server is up', async () => {
    const { runId, child } = run('mariadb', TEST_IMAGES.mariadb);
    await until('the server is ready', () => child.output().includes('ready '), child);
    expect(await countContainers(runId)).toBe(1);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(143);
    expect(child.output()).toContain('released 0');
    expect(await countContainers(runId)).toBe(0);
  });

  it('leaves zero containers when the container is still starting', async () => {
    // never-ready keeps the start pending (the health check never passes) until the signal.
    const { runId, child } = run('postgres', TEST_IMAGES.neverReady, 110_000);
    await until('the container exists', async () => (await countContainers(runId)) > 0, child);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(143);
    expect(child.output()).toContain('released 0');
    expect(child.output()).not.toContain('ready ');
    expect(await countContainers(runId)).toBe(0);
  });
});
