/**
 * Ctrl-C and SIGTERM mid-run, on every target (embedded Postgres, Postgres through --url, Postgres and
 * MariaDB in Docker, MariaDB through --url): while a migration sleeps on the server (the fixture's
 * second migration sleeps 30 s, with the engine's own sleep), and while a container is still starting.
 * The check stops at once with the signal's exit code, and afterwards no throwaway database, embedded
 * server, data directory or container of schemagate's is left.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, FIXTURES, startCli, stderrShows } from '../../helpers/cli.js';
import {
  DOCKER,
  expectNothingLeft,
  MARIADB_DOCKER,
  MARIADB_URL,
  POSTGRES_DOCKER,
  SKIP_REASON,
  schemagateContainers,
  TEST_IMAGES,
  unavailable,
} from '../../helpers/docker-targets.js';
import { embeddedDataDirs, embeddedProcesses } from '../../helpers/leftovers.js';
import { embeddedPostgres, leftovers, postgres, type Target } from '../../helpers/targets.js';

const SLOW = path.join(FIXTURES, 'knex-neutral', 'slow', 'migrations');

const cases: { target: Target; signal: 'SIGTERM' | 'SIGINT'; code: number }[] = [
  { target: embeddedPostgres, signal: 'SIGTERM', code: 143 },
  { target: postgres, signal: 'SIGTERM', code: 143 },
  { target: embeddedPostgres, signal: 'SIGINT', code: 130 },
  { target: POSTGRES_DOCKER, signal: 'SIGTERM', code: 143 },
  { target: MARIADB_DOCKER, signal: 'SIGTERM', code: 143 },
  { target: MARIADB_URL, signal: 'SIGTERM', code: 143 },
];

/** What a target's run really has going: its embedded server, its container, or its database on the local server. */
async function running(t: Target): Promise<number> {
  if (t.provider === 'embedded') return embeddedProcesses().length;
  if (t.provider === 'docker') return schemagateContainers();
  return (await leftovers(t.engine)).length;
}

/** No container and no database on the local MariaDB (expectNothingLeft), and none on the local Postgres, no embedded server. */
async function expectNothingOfOursLeft(): Promise<void> {
  await expectNothingLeft();
  expect(await leftovers('postgres')).toEqual([]);
  expect(embeddedProcesses()).toEqual([]);
  expect(embeddedDataDirs()).toEqual([]);
}

describe('interrupted runs leave nothing behind', () => {
  const children: ChildProcess[] = [];
  const start = (args: string[]) => {
    const child = startCli(args);
    children.push(child);
    return child;
  };

  beforeEach(() => expectNothingOfOursLeft());
  afterEach(async () => {
    // Only when a test failed before its signal: stop the run the way a user would, and let it clean up.
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await expectNothingOfOursLeft();
  });

  for (const { target: t, signal, code } of cases) {
    it.skipIf(unavailable(t))(
      `${signal} during a migration on ${t.name}${unavailable(t) ? SKIP_REASON : ''}`,
      async () => {
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
      },
    );
  }

  it.skipIf(!DOCKER)(`SIGTERM while a container is still starting${SKIP_REASON}`, async () => {
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
