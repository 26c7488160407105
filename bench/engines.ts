/**
 * The speed goals of the engines issue, measured (never asserted):
 *  - container start time per engine (bench/docker-start.ts);
 *  - the wall time of one `schemagate check` on three engines at once (postgres + mysql + mariadb, docker
 *    provider, a generated portable knex history), against the slowest engine checked alone (target: at most
 *    1.3x): engines run in parallel, so the second and third should cost little;
 *  - the median full snapshot of a 500-table MySQL/MariaDB schema (target: at most 300 ms; MySQL has no
 *    change tracking, so every step of a check takes one).
 *
 *   node --import jiti/register bench/engines.ts
 *
 * Images as for bench/docker-start.ts (on the project's CI box "mysql" is MariaDB standing in for MySQL 8).
 * The snapshot runs on SCHEMAGATE_BENCH_MYSQL_URL, else the local MariaDB (mysql://root@127.0.0.1:3306/mysql),
 * else a MariaDB container.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCheckArgs } from '../src/config/cli-args.js';
import { Cleanup } from '../src/databases/cleanup.js';
import { createDockerProvider } from '../src/databases/docker/index.js';
import type { Server } from '../src/databases/provider.js';
import { createUrlProvider } from '../src/databases/url-provider.js';
import { silentLogger } from '../src/log.js';
import { assembleReport } from '../src/report/assemble.js';
import type { EngineName } from '../src/schema/model.js';
import { DEFAULT_FAIL_ON } from '../src/vocabulary/fail-on.js';
import { runWithDefaults } from '../src/wiring.js';
import { benchDockerStart, formatDockerStart } from './docker-start.js';
import { generateKnexHistory } from './knex-history.js';
import { median } from './median.js';
import { benchMysqlSnapshot } from './mysql-snapshot.js';

const MIGRATIONS = Number(process.env.BENCH_ENGINE_MIGRATIONS ?? 60);
const TABLES = Number(process.env.BENCH_ENGINE_TABLES ?? 30);
const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 3);
const LOCAL_MYSQL = process.env.SCHEMAGATE_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One whole check through the same path as the CLI (flags, wiring, cleanup), minus printing; returns ms. */
async function timedCheck(
  migrations: string,
  engines: Array<{ engine: EngineName; image: string }>,
): Promise<number> {
  const argv = ['--migrations', migrations, '--provider', 'docker', '--quiet'];
  for (const e of engines) argv.push('--engine', e.engine, '--image', `${e.engine}=${e.image}`);
  const { options } = await parseCheckArgs(argv, path.dirname(migrations), {});
  const t0 = performance.now();
  const results = await runWithDefaults(options, silentLogger, new AbortController().signal);
  const ms = performance.now() - t0;
  const { report } = assembleReport(results, null, { failOn: new Set(DEFAULT_FAIL_ON) });
  if (report.status !== 'pass') {
    const failed = report.engines.flatMap((e) => e.migrations.filter((m) => m.status === 'fail'));
    throw new Error(`the benchmark history should pass: ${JSON.stringify(failed[0])}`);
  }
  return ms;
}

/** A MySQL-family server for the snapshot: the local one if it answers, otherwise a MariaDB container. */
async function snapshotServer(cleanup: Cleanup, mariadbImage: string | null): Promise<Server | null> {
  const signal = new AbortController().signal;
  try {
    return await createUrlProvider([LOCAL_MYSQL], cleanup, silentLogger).start(
      { engine: 'mariadb', version: null },
      signal,
    );
  } catch {
    if (!mariadbImage) return null;
    return createDockerProvider(cleanup, silentLogger).start(
      { engine: 'mariadb', version: null, image: mariadbImage },
      signal,
    );
  }
}

async function benchSnapshot(mariadbImage: string | null): Promise<string> {
  const cleanup = new Cleanup();
  try {
    const server = await snapshotServer(cleanup, mariadbImage);
    if (!server) return 'MySQL/MariaDB snapshot: skipped (no MySQL/MariaDB server and no Docker)';
    const db = await server.createDatabase('bench snapshot');
    const ms = await benchMysqlSnapshot(db.url, 500);
    return `MySQL/MariaDB full snapshot, 500 tables (${server.label}): median ${ms.toFixed(1)} ms (target <= 300 ms)`;
  } finally {
    await cleanup.releaseAll();
  }
}

export async function benchEngines(): Promise<string[]> {
  const lines: string[] = [];
  const start = await benchDockerStart(RUNS);
  lines.push(...formatDockerStart(start).split('\n'));
  const images = new Map(start?.perEngine.map((e) => [e.engine, e.image]) ?? []);

  if (start) {
    const work = mkdtempSync(path.join(tmpdir(), 'sg-bench-engines-'));
    try {
      const migrations = generateKnexHistory(work, MIGRATIONS, TABLES);
      const engines = (['postgres', 'mysql', 'mariadb'] as const).map((engine) => ({
        engine,
        image: images.get(engine)!,
      }));
      await timedCheck(migrations, engines); // warm-up: module loading, the servers' first-use caches
      const alone = new Map<EngineName, number[]>();
      const together: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const e of engines)
          alone.set(e.engine, [...(alone.get(e.engine) ?? []), await timedCheck(migrations, [e])]);
        together.push(await timedCheck(migrations, engines));
      }
      const medians = engines.map((e) => ({ ...e, ms: median(alone.get(e.engine)!) }));
      const slowest = medians.reduce((a, b) => (b.ms > a.ms ? b : a));
      const all = median(together);
      lines.push(
        `3-engine check (${MIGRATIONS} migrations over ${TABLES} tables, docker, median of ${RUNS}): ${seconds(all)}; ` +
          `slowest alone (${slowest.engine}) ${seconds(slowest.ms)}: ${(all / slowest.ms).toFixed(2)}x (target <= 1.3x)`,
        `  each alone: ${medians.map((e) => `${e.engine} ${seconds(e.ms)}`).join(', ')}; sum ${seconds(medians.reduce((s, e) => s + e.ms, 0))}`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  } else {
    lines.push('3-engine check: skipped (no Docker engine answers)');
  }

  lines.push(await benchSnapshot(images.get('mariadb') ?? null));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchEngines()) console.log(line);
}
