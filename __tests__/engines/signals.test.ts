/**
 * SIGTERM in the middle of a run, on each engine target: while a migration sleeps on the server (the
 * fixture's second migration sleeps 30 s, with the engine's own sleep), and while a container is still
 * starting. The CLI exits 143, and afterwards no schemagate container and no schemagate_ database is left.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, FIXTURES, startCli, stderrShows } from '../helpers/cli.js';
import { leftovers } from '../helpers/targets.js';
import {
  DOCKER,
  expectNothingLeft,
  SKIP_REASON,
  schemagateContainers,
  TARGETS,
  TEST_IMAGES,
  unavailable,
} from './targets.js';

const SLOW = path.join(FIXTURES, 'knex-neutral', 'slow', 'migrations');

describe('SIGTERM mid-run leaves nothing behind', () => {
  const children: ChildProcess[] = [];
  const start = (args: string[]) => {
    const child = startCli(args);
    children.push(child);
    return child;
  };

  beforeEach(() => expectNothingLeft());
  afterEach(async () => {
    // Only when a test failed before its signal: stop the run the way a user would, and let it clean up.
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await expectNothingLeft();
  });

  for (const t of TARGETS) {
    it.skipIf(unavailable(t))(
      `during a migration on ${t.name}${unavailable(t) ? SKIP_REASON : ''}`,
      async () => {
        const child = start(['check', '--migrations', SLOW, ...t.args]);
        const result = collect(child);
        await stderrShows(child, '002_slow: up');
        // Something really runs: the container, or the throwaway database on the local server.
        if (t.provider === 'docker') expect(await schemagateContainers()).toBeGreaterThan(0);
        else expect((await leftovers('mariadb')).length).toBeGreaterThan(0);
        child.kill('SIGTERM');
        const r = await result;
        expect(r.code).toBe(143);
        expect(r.stderr).toContain('SIGTERM: stopping, and removing the throwaway databases');
      },
    );
  }

  it.skipIf(!DOCKER)(`while a container is still starting${SKIP_REASON}`, async () => {
    // never-ready keeps the start pending until the signal.
    const child = start([
      'check',
      '--migrations',
      SLOW,
      '--provider',
      'docker',
      '--engine',
      'mariadb',
      '--image',
      `mariadb=${TEST_IMAGES.neverReady}`,
    ]);
    const result = collect(child);
    await stderrShows(child, 'starting mariadb container');
    for (let i = 0; i < 300 && (await schemagateContainers()) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await schemagateContainers()).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const r = await result;
    expect(r.code).toBe(143);
    expect(r.stderr).toContain('SIGTERM: stopping');
  });
});
