/**
 * Counts what schemagate may leave behind: throwaway databases on a server (Postgres or
 * MySQL/MariaDB), embedded Postgres processes and their data directories, Python driver processes.
 * Tests assert these are zero after every scenario; helpers/targets.ts counts per engine.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { THROWAWAY_PREFIX } from '../../src/databases/admin/admin-server.js';
import { dataRoot, EMBEDDED_DIR_PREFIX } from '../../src/databases/embedded/embedded-provider.js';

/** schemagate's databases (THROWAWAY_PREFIX) on the server at `url`, which its scheme says how to ask. */
export async function throwawayDatabases(url: string): Promise<string[]> {
  return /^postgres(ql)?:/i.test(url) ? pgThrowaways(url) : mysqlThrowaways(url);
}

async function pgThrowaways(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1',
      [THROWAWAY_PREFIX],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

async function mysqlThrowaways(url: string): Promise<string[]> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY 1',
      // LIKE's `_` matches any character: the prefix's underscores are meant literally.
      [`${THROWAWAY_PREFIX.replaceAll('_', '\\_')}%`],
    );
    return (rows as { name: string }[]).map((r) => r.name);
  } finally {
    await connection.end();
  }
}

/** Data directories of embedded servers (schemagate-pg-*) under the data root. */
export function embeddedDataDirs(): string[] {
  return readdirSync(dataRoot()).filter((name) => name.startsWith(EMBEDDED_DIR_PREFIX));
}

/** postgres processes whose data directory is one of ours. */
export function embeddedProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter((line) => line.includes(`/${EMBEDDED_DIR_PREFIX}`) && line.includes('postgres'));
  } catch {
    return [];
  }
}

/** schemagate's Python driver processes (Alembic, Django): their command line carries py/bootstrap.py. */
export function driverProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,args', '-ww'], { encoding: 'utf8' });
    return out.split('\n').filter((line) => line.includes('_SchemagateDriverFiles'));
  } catch {
    return [];
  }
}

/**
 * `pid command` of every live process whose environment has `variable=value`: a test sets a
 * marker of its own in what it starts, so its survivors are found exactly even while other test
 * runs use Python on the same machine.
 */
export function processesMarked(variable: string, value: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!env.split('\0').includes(`${variable}=${value}`)) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120);
      found.push(`${pid} ${cmd}`);
    } catch {
      // The process ended while we looked, or is not ours to read: either way not a survivor of ours.
    }
  }
  return found;
}
