/**
 * How long the docker provider takes to hand out a first database, per engine: container start, the server
 * becoming ready, the admin connection and one CREATE DATABASE. Then the three engines started together, against
 * the slowest one alone (the parallel start is what a 3-engine run adds on top of one engine; the target for a
 * whole 3-engine run is at most 1.3x the slowest engine alone). Measures, asserts nothing.
 *
 *   node --import jiti/register bench/docker-start.ts [runs]
 *
 * Images: SCHEMAGATE_TEST_IMAGE_POSTGRES / _MARIADB / _MYSQL, else the file scripts/ci/setup-docker.sh writes,
 * else the official defaults. On the project's CI box "mysql" is MariaDB standing in for MySQL 8, so its figure
 * is MariaDB's, not MySQL's.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Cleanup } from '../src/databases/cleanup.js';
import { createDockerProvider, dockerAvailable } from '../src/databases/docker/index.js';
import type { EngineSpec } from '../src/databases/provider.js';
import { silentLogger } from '../src/log.js';
import type { EngineName } from '../src/schema/model.js';
import { DEFAULT_IMAGES } from '../src/vocabulary/images.js';
import { median } from './median.js';

export interface DockerStartFigures {
  /** Median milliseconds from start() to a first database, per engine, with the image used. */
  perEngine: Array<{ engine: EngineName; image: string; medianMs: number; runs: number[] }>;
  /** Wall time of starting all engines at once (median), and the slowest single engine's median. */
  parallelMs: number;
  slowestAloneMs: number;
}

function benchImages(): Record<EngineName, string> {
  const file = path.join(
    process.env.SCHEMAGATE_IMAGE_CACHE ?? '/var/cache/schemagate-images',
    'test-images.env',
  );
  const fromSetup: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^(?:export\s+)?(\w+)=(\S+)$/.exec(line.trim());
      if (m) fromSetup[m[1]!] = m[2]!;
    }
  }
  const pick = (name: string, fallback: string) => process.env[name] || fromSetup[name] || fallback;
  return {
    postgres: pick('SCHEMAGATE_TEST_IMAGE_POSTGRES', DEFAULT_IMAGES.postgres),
    mariadb: pick('SCHEMAGATE_TEST_IMAGE_MARIADB', DEFAULT_IMAGES.mariadb),
    mysql: pick('SCHEMAGATE_TEST_IMAGE_MYSQL', DEFAULT_IMAGES.mysql),
  };
}

/** Starts the given engines together, takes one database on each, and removes everything; returns ms. */
async function startAll(specs: EngineSpec[]): Promise<number> {
  const cleanup = new Cleanup();
  const provider = createDockerProvider(cleanup, silentLogger);
  const signal = new AbortController().signal;
  const t0 = performance.now();
  try {
    await Promise.all(
      specs.map(async (spec) => {
        const server = await provider.start(spec, signal);
        await server.createDatabase('bench');
      }),
    );
    return performance.now() - t0;
  } finally {
    await cleanup.releaseAll();
  }
}

export async function benchDockerStart(runs = 3): Promise<DockerStartFigures | null> {
  if (!(await dockerAvailable())) return null;
  const images = benchImages();
  const engines: EngineName[] = ['postgres', 'mysql', 'mariadb'];
  const specs = engines.map((engine): EngineSpec => ({ engine, version: null, image: images[engine] }));
  // One untimed round first, so that image pulls and first-use caches do not count.
  await startAll(specs);
  const perEngine: DockerStartFigures['perEngine'] = [];
  for (const spec of specs) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await startAll([spec]));
    perEngine.push({ engine: spec.engine, image: spec.image!, medianMs: median(times), runs: times });
  }
  const parallel: number[] = [];
  for (let i = 0; i < runs; i++) parallel.push(await startAll(specs));
  return {
    perEngine,
    parallelMs: median(parallel),
    slowestAloneMs: Math.max(...perEngine.map((e) => e.medianMs)),
  };
}

export function formatDockerStart(figures: DockerStartFigures | null): string {
  if (!figures) return 'docker start: skipped (no Docker engine answers)';
  const lines = figures.perEngine.map(
    (e) => `  ${e.engine.padEnd(8)} ${String(Math.round(e.medianMs)).padStart(6)} ms  (${e.image})`,
  );
  const ratio = figures.parallelMs / figures.slowestAloneMs;
  lines.push(
    `  all 3 at once ${Math.round(figures.parallelMs)} ms vs slowest alone ${Math.round(figures.slowestAloneMs)} ms: ${ratio.toFixed(2)}x`,
  );
  return `docker start, to a first database (median):\n${lines.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 3);
  console.log(formatDockerStart(await benchDockerStart(runs)));
}
