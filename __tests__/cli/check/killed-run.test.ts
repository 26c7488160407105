/**
 * A run killed with SIGKILL runs no cleanup: its databases (and the connection sleeping in one),
 * its embedded postgres and data folder, its containers stay. The next run removes them, one log
 * line each, and never what a run that is still going owns.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, stderrShows } from '../../helpers/cli.js';
import { DOCKER, SKIP_REASON, TEST_IMAGES } from '../../helpers/docker.js';
import {
  embeddedDataDirs,
  embeddedProcesses,
  expectNothingLeft,
  leftoverDatabases,
  schemagateContainers,
  throwawayDatabases,
} from '../../helpers/leftovers.js';
import { MYSQL_URL, PG_URL } from '../../helpers/servers.js';
import { embeddedPostgres, MARIADB_URL, postgres } from '../../helpers/targets.js';

const SLOW = path.join(FIXTURES, 'knex-neutral', 'slow', 'migrations');
const CLEAN = path.join(FIXTURES, 'knex-neutral', 'clean', 'migrations');

/** Sessions on the local Postgres connected to a schemagate database (a killed run's sleeping step). */
async function throwawaySessions(): Promise<number> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE starts_with(datname, 'schemagate_')",
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

const children: ChildProcess[] = [];
async function startSlow(args: string[]): Promise<ChildProcess> {
  const child = startCli(['check', '--migrations', SLOW, ...args]);
  children.push(child);
  child.stdout!.resume();
  await stderrShows(child, '002_slow: up');
  return child;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) await kill(child, 'SIGTERM');
  }
  await expectNothingLeft();
});

const PG = postgres.args;
const MY = MARIADB_URL.args;
const EMBEDDED = embeddedPostgres.args;

describe('after SIGKILL, the next run removes what the killed run left', () => {
  it('databases and their sessions on a Postgres server (url)', async () => {
    const killed = await startSlow(PG);
    await kill(killed, 'SIGKILL');
    const left = await leftoverDatabases(PG_URL);
    expect(left.length).toBeGreaterThan(0);

    const r = await runCli(['check', '--migrations', CLEAN, ...PG]);
    expect(r.code, r.stderr).toBe(0);
    for (const name of left) {
      expect(r.stderr).toContain(`removed database ${name} on url postgres`);
    }
    expect(await throwawaySessions()).toBe(0);
  }, 120_000);

  it('databases on a MariaDB server (url)', async () => {
    const killed = await startSlow(MY);
    await kill(killed, 'SIGKILL');
    const left = await leftoverDatabases(MYSQL_URL);
    expect(left.length).toBeGreaterThan(0);

    const r = await runCli(['check', '--migrations', CLEAN, ...MY]);
    expect(r.code, r.stderr).toBe(0);
    for (const name of left) expect(r.stderr).toContain(`removed database ${name} on url mysql`);
  }, 120_000);

  it('the embedded postgres and its data folder', async () => {
    const killed = await startSlow(EMBEDDED);
    await kill(killed, 'SIGKILL');
    expect(embeddedProcesses().length).toBeGreaterThan(0);
    const left = embeddedDataDirs();
    expect(left).toHaveLength(1);

    const r = await runCli(['check', '--migrations', CLEAN, ...EMBEDDED]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `removed embedded postgres \\(pid \\d+\\) and data folder \\S+/${left[0]}: left by a run \\(pid ${killed.pid}\\)`,
      ),
    );
  }, 120_000);

  it.skipIf(!DOCKER)(
    `its containers${SKIP_REASON}`,
    async () => {
      const docker = [
        '--provider',
        'docker',
        '--engine',
        'postgres',
        '--image',
        `postgres=${TEST_IMAGES.postgres}`,
      ];
      const killed = await startSlow(docker);
      await kill(killed, 'SIGKILL');
      expect(await schemagateContainers()).toBeGreaterThan(0);

      const r = await runCli(['check', '--migrations', CLEAN, ...docker]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(`removed container \\w+ \\(\\S+\\): left by a run \\(pid ${killed.pid}\\)`),
      );
    },
    180_000,
  );
});

describe('a run never removes what a live run owns', () => {
  it('databases on the same Postgres server (url)', async () => {
    const live = await startSlow(PG);
    const owned = await throwawayDatabases(PG_URL);
    expect(owned.length).toBeGreaterThan(0);

    const r = await runCli(['check', '--migrations', CLEAN, ...PG]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('removed');
    expect(await throwawayDatabases(PG_URL)).toEqual(owned);
    expect(await kill(live, 'SIGTERM')).toBe(143);
  }, 120_000);

  it('the embedded postgres and data folder of a run on the same machine', async () => {
    const live = await startSlow(EMBEDDED);
    const dirs = embeddedDataDirs();
    const processes = embeddedProcesses().length;
    expect(dirs).toHaveLength(1);

    const r = await runCli(['check', '--migrations', CLEAN, ...EMBEDDED]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('removed');
    expect(embeddedDataDirs()).toEqual(dirs);
    expect(embeddedProcesses().length).toBe(processes);
    expect(await kill(live, 'SIGTERM')).toBe(143);
  }, 120_000);
});
