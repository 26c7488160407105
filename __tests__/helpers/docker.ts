/**
 * What the Docker tests need: which images to run, whether a Docker engine answers, and a logger that keeps
 * what the provider said.
 *
 * Images come from SCHEMAGATE_TEST_IMAGE_POSTGRES, _POSTGRES_ALT, _MARIADB, _MYSQL and _NEVER_READY. When they
 * are not set, the file that scripts/ci/setup-docker.sh writes ($SCHEMAGATE_IMAGE_CACHE/test-images.env,
 * default /var/cache/schemagate-images) is read, and failing that the official images are used. On the project's
 * own CI box the "mysql" image is MariaDB standing in for MySQL 8 (see scripts/docker/build-images.sh); in
 * GitHub's workflow it is mysql:8.4.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dockerAvailable, dockerEndpoint } from '../../src/databases/docker/index.js';
import type { Logger } from '../../src/log.js';
import { DEFAULT_IMAGES } from '../../src/vocabulary/images.js';

function setupFile(): Record<string, string> {
  const file = path.join(
    process.env.SCHEMAGATE_IMAGE_CACHE ?? '/var/cache/schemagate-images',
    'test-images.env',
  );
  if (!existsSync(file)) return {};
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?(SCHEMAGATE_TEST_IMAGE_\w+)=(\S+)$/.exec(line.trim());
    if (match) values[match[1]!] = match[2]!;
  }
  return values;
}

const fromSetup = setupFile();
const image = (name: string, fallback: string): string => process.env[name] || fromSetup[name] || fallback;

export const TEST_IMAGES = {
  postgres: image('SCHEMAGATE_TEST_IMAGE_POSTGRES', 'postgres:16-alpine'),
  postgresAlt: image('SCHEMAGATE_TEST_IMAGE_POSTGRES_ALT', DEFAULT_IMAGES.postgres),
  mariadb: image('SCHEMAGATE_TEST_IMAGE_MARIADB', DEFAULT_IMAGES.mariadb),
  mysql: image('SCHEMAGATE_TEST_IMAGE_MYSQL', DEFAULT_IMAGES.mysql),
  /** Starts no server and sleeps: build it with `bash scripts/docker/build-images.sh never-ready`. */
  neverReady: image('SCHEMAGATE_TEST_IMAGE_NEVER_READY', 'schemagate-local/never-ready:1'),
};

/** Whether the Docker tests can run; they are skipped only when no engine answers at all. */
export const DOCKER = await dockerAvailable(5_000);
export const SKIP_REASON = DOCKER ? '' : ` (SKIPPED: no Docker engine answers at ${dockerEndpoint()})`;

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, progress: keep('progress'), info: keep('info'), warn: keep('warn'), debug: keep('debug') };
}

/** An AbortSignal that is never aborted. */
export const NEVER = new AbortController().signal;
