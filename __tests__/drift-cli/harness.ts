/**
 * Shared by the drift-through-the-CLI tests: the two real servers as `--url` targets, a runner that
 * returns the exit code, the output and the JSON report, and the leftover counts (no `schemagate_`
 * database may survive a run, on either server).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { THROWAWAY_PREFIX } from '../../src/databases/admin/admin-server.js';
import type { EngineReport, Report } from '../../src/report/model.js';
import { type CliResult, FIXTURES, runCli } from '../helpers/cli.js';
import { throwawayDatabases } from '../helpers/leftovers.js';
import { MYSQL_URL, PG_URL } from '../helpers/servers.js';

export const DRIFT_CLI = path.join(FIXTURES, 'drift-cli');

export interface Engine {
  name: 'postgres' | 'mariadb';
  /** Flags that point schemagate at the local server. */
  args: string[];
  /** Databases schemagate left on that server. */
  leftovers(): Promise<string[]>;
}

export const postgres: Engine = {
  name: 'postgres',
  args: ['--provider', 'url', '--url', PG_URL, '--engine', 'postgres'],
  leftovers: () => throwawayDatabases(PG_URL),
};

export const mariadb: Engine = {
  name: 'mariadb',
  args: ['--provider', 'url', '--url', MYSQL_URL, '--engine', 'mariadb'],
  leftovers: () => mysqlThrowawayDatabases(MYSQL_URL),
};

export const ENGINES = [postgres, mariadb] as const;

export async function mysqlThrowawayDatabases(url: string): Promise<string[]> {
  const c = await mysql.createConnection(url);
  try {
    const [rows] = await c.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ? ORDER BY 1',
      [`${THROWAWAY_PREFIX.replace(/_/g, '\\_')}%`],
    );
    return (rows as { name: string }[]).map((r) => r.name);
  } finally {
    await c.end();
  }
}

/**
 * The throwaway databases left on an engine's server, which must be none once a run has ended.
 * Other engineers' test runs may share the local servers and hold a database of their own for a
 * moment, so a non-empty answer is asked again for a while; a real leak stays and still fails.
 */
export async function leftoversAfterRun(engine: Engine, patienceMs = 20_000): Promise<string[]> {
  const until = Date.now() + patienceMs;
  for (;;) {
    const left = await engine.leftovers();
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export interface CheckRun extends CliResult {
  /** The JSON report (`--json`), or null when the run stopped before writing one. */
  report: Report | null;
  /** Its only engine. */
  engine: EngineReport | null;
}

/** `schemagate check` in `cwd` with `args`, reading the JSON report it wrote. */
export async function check(cwd: string, args: string[]): Promise<CheckRun> {
  const out = await mkdtemp(path.join(tmpdir(), 'sg-driftcli-report-'));
  try {
    const json = path.join(out, 'report.json');
    const r = await runCli(['check', '--cwd', cwd, '--json', json, ...args]);
    const text = await readFile(json, 'utf8').catch(() => null);
    const report = text === null ? null : (JSON.parse(text) as Report);
    return { ...r, report, engine: report?.engines[0] ?? null };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** A copy of a fixture project in a temporary folder, for runs that write into it. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `sg-driftcli-${name}-`));
  await cp(path.join(DRIFT_CLI, name), dir, { recursive: true });
  // The fixture's migrations are CommonJS `.js`; the root package.json that says so stays behind.
  await cp(path.join(DRIFT_CLI, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}
