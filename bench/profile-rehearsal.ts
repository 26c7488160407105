/**
 * Where the rehearsal's time goes (a developer's tool, not part of `npm run bench`): the benchmark
 * history checked without rows and with `--rows 20`, alternating, each rehearsal hook timed by
 * wrapping the dialect's Rehearsal, and the CPU both sides spent (the client, and the embedded
 * server's backends as its postmaster reaped them). Embedded Postgres processes count as leftovers
 * in the tests, so run it under the tests' lock:
 * `flock /tmp/sg-test.lock node --import jiti/register bench/profile-rehearsal.ts [runs]` (LANES=1
 * for one lane).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cleanup } from '../src/databases/cleanup.js';
import type { Dialect } from '../src/dialects/dialect.js';
import { postgresDialect } from '../src/dialects/postgres/index.js';
import type { Rehearsal } from '../src/rehearsal/rehearsal.js';
import { embeddedBenchServer, knexCheck, loadCheckout } from './knex-check.js';
import { generateKnexHistory } from './knex-history.js';
import { median } from './median.js';

const COUNT = Number(process.env.BENCH_MIGRATIONS ?? 200);
const TABLES = Number(process.env.BENCH_TABLES ?? 100);
const LANES = process.env.LANES ? Number(process.env.LANES) : null;
const hooks = new Map<string, number>();

function timedRehearsal(r: Rehearsal): Rehearsal {
  const wrap =
    <K extends keyof Rehearsal>(k: K) =>
    async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await (r[k] as (...a: unknown[]) => Promise<unknown>).apply(r, args);
      } finally {
        hooks.set(k, (hooks.get(k) ?? 0) + performance.now() - t0);
      }
    };
  const keys = ['seed', 'beforeUp', 'afterUp', 'afterDown', 'afterReapply', 'finish', 'close'] as const;
  return Object.fromEntries(keys.map((k) => [k, wrap(k)])) as unknown as Rehearsal;
}

const timedDialect: Dialect = {
  ...postgresDialect,
  async rehearsal(url, options) {
    const t0 = performance.now();
    const r = await postgresDialect.rehearsal(url, options);
    hooks.set('open', (hooks.get('open') ?? 0) + performance.now() - t0);
    return timedRehearsal(r);
  },
};

/** CPU seconds of a process and its reaped children (the postmaster's reaped backends), from /proc. */
function treeCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime, stime, cutime, cstime are fields 14-17 (1-based) of the whole line; here 12-15 (0-based after the name)
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
}
let postmaster = 0;
const cpu = () => treeCpu(postmaster) + treeCpu(process.pid);
const serverCpu = () => treeCpu(postmaster);

const checkout = await loadCheckout();
const check = (adminUrl: string, dir: string, rows: number) =>
  knexCheck(checkout, adminUrl, dir, { lanes: LANES, rows, dialect: timedDialect });

const work = mkdtempSync(path.join(tmpdir(), 'sg-prof-'));
const cleanup = new Cleanup();
try {
  const dir = generateKnexHistory(work, COUNT, TABLES);
  // PROFILE_URL: an existing server instead (its postmaster must be on this machine), e.g. to read
  // per-statement figures from its log with a role that has log_min_duration_statement=0.
  const adminUrl = process.env.PROFILE_URL || (await embeddedBenchServer(cleanup)).adminUrl;
  {
    const { connectPg } = await import('../src/dialects/postgres/connect.js');
    const c = await connectPg(adminUrl);
    const { rows } = await c.query('SELECT pg_backend_pid() AS pid');
    const status = readFileSync(`/proc/${rows[0].pid}/status`, 'utf8');
    await c.end();
    postmaster = Number(/PPid:\s+(\d+)/.exec(status)![1]);
  }
  await check(adminUrl, dir, 0);
  await check(adminUrl, dir, 20);
  hooks.clear();
  const runs = Number(process.argv[2] ?? 3);
  const without: number[] = [];
  const withRows: number[] = [];
  const cpuWithout: number[] = [];
  const cpuWith: number[] = [];
  const serverWithout: number[] = [];
  const serverWith: number[] = [];
  const settle = () => new Promise((res) => setTimeout(res, 300));
  for (let i = 0; i < runs; i++) {
    let c0 = cpu();
    let s0 = serverCpu();
    without.push(await check(adminUrl, dir, 0));
    await settle();
    cpuWithout.push(cpu() - c0);
    serverWithout.push(serverCpu() - s0);
    c0 = cpu();
    s0 = serverCpu();
    withRows.push(await check(adminUrl, dir, 20));
    await settle();
    cpuWith.push(cpu() - c0);
    serverWith.push(serverCpu() - s0);
  }
  console.log(
    `cpu without: ${cpuWithout.map((x) => x.toFixed(2)).join(' ')} s; with rows: ${cpuWith.map((x) => x.toFixed(2)).join(' ')} s; ratio ${(median(cpuWith) / median(cpuWithout)).toFixed(2)}x`,
  );
  console.log(
    `of which the server: without ${median(serverWithout).toFixed(2)} s, with rows ${median(serverWith).toFixed(2)} s (median)`,
  );
  console.log(
    `without rows: ${without.map((x) => x.toFixed(0)).join(' ')} ms; median ${median(without).toFixed(0)}`,
  );
  console.log(
    `--rows 20:    ${withRows.map((x) => x.toFixed(0)).join(' ')} ms; median ${median(withRows).toFixed(0)}`,
  );
  console.log(`ratio ${(median(withRows) / median(without)).toFixed(2)}x`);
  for (const [k, ms] of hooks) console.log(`  ${k.padEnd(13)} ${(ms / runs).toFixed(0)} ms per run`);
} finally {
  await cleanup.releaseAll();
  rmSync(work, { recursive: true, force: true });
}
