/**
 * Ctrl-C and SIGTERM mid-run, on every target of helpers/targets.ts: while a migration sleeps on the
 * server (the fixture's second migration sleeps 30 s, with the engine's own sleep), and, on the docker
 * targets, while a container is still starting. The check stops at once with the signal's exit code,
 * and afterwards no throwaway database, embedded server, data directory or container is left.
 * (The docker provider's own release on abort, below the CLI, is __tests__/databases/docker/.)
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, FIXTURES, startCli, stderrShows } from '../../helpers/cli.js';
import { TEST_IMAGES } from '../../helpers/docker.js';
import {
  embeddedProcesses,
  expectNothingLeft,
  schemagateContainers,
  throwawayDatabases,
} from '../../helpers/leftovers.js';
import {
  embeddedPostgres,
  MARIADB_DOCKER,
  POSTGRES_DOCKER,
  SERVER_URL,
  skipReason,
  TARGETS,
  type Target,
  unavailable,
} from '../../helpers/targets.js';

const SLOW = path.join(FIXTURES, 'knex-neutral', 'slow', 'migrations');

/** SIGTERM on every target; Ctrl-C (SIGINT) on one, as the same code path stops it. */
const cases: { target: Target; signal: 'SIGTERM' | 'SIGINT'; code: number }[] = [
  ...TARGETS.map((target) => ({ target, signal: 'SIGTERM' as const, code: 143 })),
  { target: embeddedPostgres, signal: 'SIGINT', code: 130 },
];

/**
 * What a target's run really has going: its embedded server, its container, or its database on the
 * local server (every throwaway database there: the run's own is in progress, so not a leftover yet).
 */
async function running(t: Target): Promise<number> {
  if (t.provider === 'embedded') return embeddedProcesses().length;
  if (t.provider === 'docker') return schemagateContainers();
  return (await throwawayDatabases(SERVER_URL[t.engine])).length;
}

describe('interrupted runs leave nothing behind', () => {
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

  for (const { target: t, signal, code } of cases) {
    it.skipIf(unavailable(t))(`${signal} during a migration on ${t.name}${skipReason(t)}`, async () => {
      const child = start(['check', '--migrations', SLOW, ...t.args]);
      const result = collect(child);
      // Wait until the slow migration is running on the server, then interrupt.
      await stderrShows(child, '002_slow: up');
      expect(await running(t)).toBeGreaterThan(0);
      const sentAt = Date.now();
      child.kill(signal);
      const r = await result;
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(`${signal}: stopping, and removing the throwaway databases`);
      // It did not wait for the 30 s migration to finish.
      expect(Date.now() - sentAt).toBeLessThan(25_000);
    });
  }

  // A container that never gets ready keeps the start pending until the signal.
  for (const t of [POSTGRES_DOCKER, MARIADB_DOCKER]) {
    it.skipIf(unavailable(t))(
      `SIGTERM while a container is still starting on ${t.name}${skipReason(t)}`,
      async () => {
        const args = [...t.args];
        args[args.indexOf('--image') + 1] = `${t.engine}=${TEST_IMAGES.neverReady}`;
        const child = start(['check', '--migrations', SLOW, ...args]);
        const result = collect(child);
        await stderrShows(child, `starting ${t.engine} container`);
        for (let i = 0; i < 300 && (await schemagateContainers()) === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await schemagateContainers()).toBeGreaterThan(0);
        child.kill('SIGTERM');
        const r = await result;
        expect(r.code).toBe(143);
        expect(r.stderr).toContain('SIGTERM: stopping');
        // It never got as far as a migration.
        expect(r.stderr).not.toContain('001_');
      },
    );
  }
});
