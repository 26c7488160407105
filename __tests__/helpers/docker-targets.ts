/**
 * The servers the engine scenarios run on, as CLI flags, and what each one says in its own words: the
 * scenario suite asserts every engine's own error text and code, not a common denominator.
 *
 *  - Postgres in Docker and MariaDB in Docker (the docker provider, images from __tests__/docker/helpers.ts);
 *  - MariaDB through --url (the local server at 127.0.0.1:3306).
 *
 * The Target type and the local servers' leftover counts are helpers/targets.ts's; here is what every
 * scenario ends with: no container of schemagate's (by label), no database of its on the local MariaDB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { countContainers } from '../../src/databases/docker/index.js';
import type { Report } from '../../src/report/model.js';
import { DOCKER, TEST_IMAGES } from './docker.js';
import { MYSQL_URL } from './servers.js';
import { engineStyle, leftovers, type Target } from './targets.js';

export { DOCKER, SKIP_REASON, TEST_IMAGES } from './docker.js';

export type { Target } from './targets.js';

export const POSTGRES_DOCKER: Target = {
  name: 'Postgres in Docker',
  engine: 'postgres',
  provider: 'docker',
  args: ['--provider', 'docker', '--engine', 'postgres', '--image', `postgres=${TEST_IMAGES.postgres}`],
  ...engineStyle('postgres'),
};

export const MARIADB_DOCKER: Target = {
  name: 'MariaDB in Docker',
  engine: 'mariadb',
  provider: 'docker',
  args: ['--provider', 'docker', '--engine', 'mariadb', '--image', `mariadb=${TEST_IMAGES.mariadb}`],
  ...engineStyle('mariadb'),
};

export const MARIADB_URL: Target = {
  name: 'MariaDB through --url',
  engine: 'mariadb',
  provider: 'url',
  // No --engine: the URL's scheme says mysql, and the server's VERSION() says MariaDB.
  args: ['--provider', 'url', '--url', MYSQL_URL],
  ...engineStyle('mariadb'),
};

export const TARGETS: Target[] = [POSTGRES_DOCKER, MARIADB_DOCKER, MARIADB_URL];

/** Whether a target cannot run here: the docker ones need a Docker engine that answers. */
export function unavailable(target: Target): boolean {
  return target.provider === 'docker' && !DOCKER;
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
  expect(await leftovers('mariadb')).toEqual([]);
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
