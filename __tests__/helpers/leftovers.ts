/**
 * Counts what schemagate may leave behind: throwaway databases on a server (Postgres or
 * MySQL/MariaDB), embedded Postgres processes and their data directories, Python driver processes,
 * Docker containers. Tests assert these are zero after every scenario.
 *
 * The machine and its local servers are shared: another checkout may run schemagate at the same time
 * (a bench, another engineer's tests). So every count is scoped to what this test run started, and
 * stays able to fail for anything this run leaves:
 *  - processes: this test process puts RUN_MARKER in its own environment, which everything it starts
 *    inherits (the CLI, its embedded postgres, its Python drivers), and only marked processes count;
 *  - embedded data folders and containers: schemagate names the owner's pid in the folder's name and in
 *    a container label, and only those whose owner is this process or a process it started count
 *    (helpers/cli.ts remembers the pid of every CLI it starts);
 *  - databases: a database's name carries no such mark, but schemagate keeps one connection open per
 *    run that names the run (its owner connection, src/databases/admin/reap.ts). A database whose run
 *    still holds that connection belongs to a run in progress, which is never ours when we count: our
 *    runs have ended by then. So a leftover is a `schemagate_` database whose run no longer holds it.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { expect } from 'vitest';
import { THROWAWAY_PREFIX } from '../../src/databases/admin/admin-server.js';
import { ownerName } from '../../src/databases/admin/reap.js';
import { LABEL_OWNER_PID, LABEL_RUN, labelFilter } from '../../src/databases/docker/labels.js';
import { listByLabel } from '../../src/databases/docker/leftovers.js';
import { connectDocker } from '../../src/databases/docker/runtime.js';
import { dataRoot, EMBEDDED_DIR_PREFIX } from '../../src/databases/embedded/embedded-provider.js';
import { DOCKER } from './docker.js';
import { MYSQL_URL, PG_URL } from './servers.js';

/** The environment variable, and its value for this test run, that marks every process it starts. */
export const RUN_MARKER_VARIABLE = 'SCHEMAGATE_TEST_RUN';
process.env[RUN_MARKER_VARIABLE] ??= randomBytes(8).toString('hex');
export const RUN_MARKER = process.env[RUN_MARKER_VARIABLE]!;

/** This process and every process it started that may own a data folder or a container. */
const owners = new Set<number>([process.pid]);

/** Counts `pid`'s data folders and containers as this run's (helpers/cli.ts calls it for every CLI). */
export function rememberStarted(pid: number | undefined): void {
  if (pid !== undefined) owners.add(pid);
}

/** Every database named with THROWAWAY_PREFIX on the server at `url`, its run in progress or not. */
export async function throwawayDatabases(url: string): Promise<string[]> {
  return (await listThrowaways(url)).map((d) => d.name);
}

/** The throwaway databases on the server at `url` whose run has ended without removing them. */
export async function leftoverDatabases(url: string): Promise<string[]> {
  return (await listThrowaways(url)).filter((d) => !d.owned).map((d) => d.name);
}

interface Throwaway {
  name: string;
  /** Whether the run that created it still holds its owner connection. */
  owned: boolean;
}

/** The run id in a throwaway database's name (`schemagate_<run id>_<n>_<purpose>`, reap.ts). */
function runOf(name: string): string {
  return /^schemagate_([0-9a-f]{8})_/.exec(name)?.[1] ?? '';
}

async function listThrowaways(url: string): Promise<Throwaway[]> {
  return /^postgres(ql)?:/i.test(url) ? pgThrowaways(url) : mysqlThrowaways(url);
}

async function pgThrowaways(url: string): Promise<Throwaway[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string; owned: boolean }>(
      // d.datname: pg_stat_activity has a datname of its own (the database a session is connected to).
      `SELECT d.datname,
              EXISTS (SELECT 1 FROM pg_stat_activity a
                      WHERE a.application_name = $2::text || substr(d.datname, $3::int, 8)) AS owned
       FROM pg_database d WHERE starts_with(d.datname, $1) ORDER BY 1`,
      [THROWAWAY_PREFIX, ownerName(''), THROWAWAY_PREFIX.length + 1],
    );
    return rows.map((r) => ({ name: r.datname, owned: r.owned && runOf(r.datname) !== '' }));
  } finally {
    await client.end();
  }
}

async function mysqlThrowaways(url: string): Promise<Throwaway[]> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY 1',
      // LIKE's `_` matches any character: the prefix's underscores are meant literally.
      [`${THROWAWAY_PREFIX.replaceAll('_', '\\_')}%`],
    );
    const found: Throwaway[] = [];
    for (const { name } of rows as { name: string }[]) {
      const run = runOf(name);
      // The owner holds a named lock (src/dialects/mysql/admin.ts).
      const [held] = await connection.query('SELECT IS_USED_LOCK(?) AS holder', [ownerName(run)]);
      found.push({ name, owned: run !== '' && (held as { holder: unknown }[])[0]?.holder != null });
    }
    return found;
  } finally {
    await connection.end();
  }
}

/** `pid command` of every live process that carries this run's marker in its environment. */
function markedProcesses(): string[] {
  return processesMarked(RUN_MARKER_VARIABLE, RUN_MARKER, Number.POSITIVE_INFINITY);
}

/** This run's data directories of embedded servers (schemagate-pg-<owner pid>-*) under the data root. */
export function embeddedDataDirs(): string[] {
  return readdirSync(dataRoot()).filter((name) => {
    const owner = new RegExp(`^${EMBEDDED_DIR_PREFIX}(\\d+)-`).exec(name)?.[1];
    return owner !== undefined && owners.has(Number(owner));
  });
}

/** This run's postgres processes on one of schemagate's data directories. */
export function embeddedProcesses(): string[] {
  return markedProcesses().filter(
    (line) => line.includes(`/${EMBEDDED_DIR_PREFIX}`) && line.includes('postgres'),
  );
}

/** This run's Python driver processes (Alembic, Django): their command line carries the driver's files. */
export function driverProcesses(): string[] {
  return markedProcesses().filter((line) => line.includes('_SchemagateDriverFiles'));
}

/**
 * `pid command` of every live process whose environment has `variable=value`: a test sets a
 * marker of its own in what it starts, so its survivors are found exactly even while other test
 * runs use Python on the same machine.
 */
export function processesMarked(variable: string, value: string, commandLength = 120): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!env.split('\0').includes(`${variable}=${value}`)) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, commandLength);
      found.push(`${pid} ${cmd}`);
    } catch {
      // The process ended while we looked, or is not ours to read: either way not a survivor of ours.
    }
  }
  return found;
}

/**
 * This run's containers (any state): those whose owner label names this process or one it started,
 * minus those of the provider runs named (a test that starts a server of its own through the provider
 * leaves that one out). Zero without Docker.
 */
export async function schemagateContainers(except: string[] = []): Promise<number> {
  if (!DOCKER) return 0;
  const client = await connectDocker();
  const all = await listByLabel(client, labelFilter(LABEL_RUN));
  return all.filter(
    (c) => owners.has(Number(c.labels[LABEL_OWNER_PID])) && !except.includes(c.labels[LABEL_RUN] ?? ''),
  ).length;
}

/**
 * Nothing of this run's is left: no container, no throwaway database on either local server, no
 * embedded server or data folder, no Python driver.
 */
export async function expectNothingLeft(except: string[] = []): Promise<void> {
  expect(await schemagateContainers(except), 'containers left').toBe(0);
  expect(await leftoverDatabases(PG_URL), 'databases left on the local Postgres').toEqual([]);
  expect(await leftoverDatabases(MYSQL_URL), 'databases left on the local MariaDB').toEqual([]);
  expect(embeddedProcesses(), 'embedded servers left').toEqual([]);
  expect(embeddedDataDirs(), 'embedded data folders left').toEqual([]);
  expect(driverProcesses(), 'Python drivers left').toEqual([]);
}
