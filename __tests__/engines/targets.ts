/**
 * The servers the engine scenarios run on, as CLI flags, and what each one says in its own words: the
 * scenario suite asserts every engine's own error text and code, not a common denominator.
 *
 *  - Postgres in Docker and MariaDB in Docker (the docker provider, images from __tests__/docker/helpers.ts);
 *  - MariaDB through --url (the local server at 127.0.0.1:3306).
 *
 * Also the leftover counts every scenario ends with: schemagate's containers (by label) and its databases
 * on the local MariaDB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { expect } from 'vitest';
import { THROWAWAY_PREFIX } from '../../src/databases/admin/admin-server.js';
import { countContainers } from '../../src/databases/docker/index.js';
import type { Report } from '../../src/report/model.js';
import { DOCKER, TEST_IMAGES } from '../docker/helpers.js';
import { MYSQL_URL } from '../helpers/servers.js';

export { DOCKER, SKIP_REASON, TEST_IMAGES } from '../docker/helpers.js';

export interface Target {
  name: string;
  engine: 'postgres' | 'mariadb';
  provider: 'docker' | 'url';
  /** The CLI flags that select the engine and the provider. */
  args: string[];
  /** Quotes an identifier as knex writes it for this engine. */
  q: (name: string) => string;
  /** How the report names a table: Postgres qualifies it with its schema. */
  table: (name: string) => string;
}

const pgQuote = (name: string) => `"${name}"`;
const myQuote = (name: string) => `\`${name}\``;

export const POSTGRES_DOCKER: Target = {
  name: 'Postgres in Docker',
  engine: 'postgres',
  provider: 'docker',
  args: ['--provider', 'docker', '--engine', 'postgres', '--image', `postgres=${TEST_IMAGES.postgres}`],
  q: pgQuote,
  table: (name) => `public.${name}`,
};

export const MARIADB_DOCKER: Target = {
  name: 'MariaDB in Docker',
  engine: 'mariadb',
  provider: 'docker',
  args: ['--provider', 'docker', '--engine', 'mariadb', '--image', `mariadb=${TEST_IMAGES.mariadb}`],
  q: myQuote,
  table: (name) => name,
};

export const MARIADB_URL: Target = {
  name: 'MariaDB through --url',
  engine: 'mariadb',
  provider: 'url',
  // No --engine: the URL's scheme says mysql, and the server's VERSION() says MariaDB.
  args: ['--provider', 'url', '--url', MYSQL_URL],
  q: myQuote,
  table: (name) => name,
};

export const TARGETS: Target[] = [POSTGRES_DOCKER, MARIADB_DOCKER, MARIADB_URL];

/** Whether a target cannot run here: the docker ones need a Docker engine that answers. */
export function unavailable(target: Target): boolean {
  return target.provider === 'docker' && !DOCKER;
}

/** schemagate's throwaway databases on the local MariaDB (information_schema.SCHEMATA). */
export async function mariadbThrowawayDatabases(url = MYSQL_URL): Promise<string[]> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY 1',
      [`${THROWAWAY_PREFIX.replaceAll('_', '\\_')}%`],
    );
    return (rows as Array<{ name: string }>).map((r) => r.name);
  } finally {
    await connection.end();
  }
}

/**
 * schemagate's containers (any run, any state), minus those of the runs named: a test that starts a server
 * of its own through the provider leaves that one out. Zero without Docker.
 */
export async function schemagateContainers(except: string[] = []): Promise<number> {
  if (!DOCKER) return 0;
  let count = await countContainers();
  for (const runId of except) count -= await countContainers(runId);
  return count;
}

/** Nothing of schemagate's is left: no container, no throwaway database on the local MariaDB. */
export async function expectNothingLeft(except: string[] = []): Promise<void> {
  expect(await schemagateContainers(except)).toBe(0);
  expect(await mariadbThrowawayDatabases()).toEqual([]);
}

/** One folder per test file for the JSON reports; removeReports() (in afterAll) deletes it. */
let reports: string | null = null;

export function reportPath(): string {
  reports ??= mkdtempSync(path.join(tmpdir(), 'sg-engines-'));
  return path.join(mkdtempSync(path.join(reports, 'run-')), 'report.json');
}

export function removeReports(): void {
  if (reports !== null) rmSync(reports, { recursive: true, force: true });
  reports = null;
}

export function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

/** The one line schemagate printed as its error (exactly one, and no stack trace). */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('schemagate: '));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}
