/**
 * `npm run bench`: the speed goals, measured on one embedded Postgres server.
 *  - bulk floor: knex itself, latest + rollback all + latest;
 *  - stepwise floor: each migration's own up, down, up called directly, one transaction each;
 *  - schemagate check on the same history (target: at most 2.0x the stepwise floor), with the
 *    automatic lanes and with one lane;
 *  - the same check rehearsed with rows (--rows 20; target: at most 1.3x the check without), with
 *    every migration rehearsed, and in a pull request's shape (the last 5 migrations new);
 *  - the median time of a full snapshot of a 500-table schema (target: at most 100 ms);
 *  - Alembic against pytest-alembic and Django against manage.py migrate (bench/python-tools.ts).
 * Prints figures; asserts nothing (speed goals never live in tests).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { Cleanup } from '../src/databases/cleanup.js';
import type { Server } from '../src/databases/provider.js';
import { silentLogger } from '../src/log.js';
import { createKnexMigrator } from '../src/migrators/knex.js';
import { automaticLanes } from '../src/run-check.js';
import { benchEngines } from './engines.js';
import { embeddedBenchServer, knexCheck, loadCheckout } from './knex-check.js';
import { generateKnexHistory } from './knex-history.js';
import { median } from './median.js';
import { benchSnapshot } from './pg-snapshot.js';
import { benchPythonTools } from './python-tools.js';

const COUNT = Number(process.env.BENCH_MIGRATIONS ?? 200);
const TABLES = Number(process.env.BENCH_TABLES ?? 100);
const PR_MIGRATIONS = 5;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

async function bulkFloor(server: Server, dir: string): Promise<number> {
  const db = await server.createDatabase('bulk');
  try {
    const out = execFileSync(
      process.execPath,
      [path.join(import.meta.dirname, 'knex-bulk.mjs'), db.url, dir],
      {
        encoding: 'utf8',
      },
    );
    return Number(out.trim());
  } finally {
    await db.drop();
  }
}

async function stepwiseFloor(server: Server, dir: string): Promise<number> {
  const db = await server.createDatabase('stepwise');
  const knex = knexFactory({ client: 'pg', connection: db.url });
  const migrator = await createKnexMigrator({ cwd: path.dirname(dir), migrations: [dir], log: silentLogger });
  const list = await migrator.list();
  const modules = await Promise.all(
    list.map(
      async (m) =>
        (await import(path.join(path.dirname(dir), m.file))) as {
          up: (k: Knex) => unknown;
          down: (k: Knex) => unknown;
        },
    ),
  );
  try {
    const [ms] = await timed(async () => {
      for (const mod of modules) {
        await knex.transaction(async (trx) => void (await mod.up(trx)));
        await knex.transaction(async (trx) => void (await mod.down(trx)));
        await knex.transaction(async (trx) => void (await mod.up(trx)));
      }
    });
    return ms;
  } finally {
    await knex.destroy();
    await db.drop();
  }
}

/** The check on this checkout (bench/knex-check.ts). */
const checkout = await loadCheckout();
const schemagateCheck = (
  adminUrl: string,
  dir: string,
  lanes: number | null = null,
  rows = 0,
  onlyChanged: string[] | null = null,
) => knexCheck(checkout, adminUrl, dir, { lanes, rows, onlyChanged });

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'sg-bench-'));
  const cleanup = new Cleanup();
  try {
    const dir = generateKnexHistory(work, COUNT, TABLES);
    const { server, adminUrl } = await embeddedBenchServer(cleanup);
    console.log(`embedded ${server.label}; ${COUNT} migrations over ${TABLES} tables`);

    // Warm-up (module loading, the server's caches), then the median of three runs of each.
    await stepwiseFloor(server, dir);
    await schemagateCheck(adminUrl, dir);

    // Each figure below is a median of three runs or rounds.
    const medianOfThree = async (fn: () => Promise<number>) => median([await fn(), await fn(), await fn()]);
    const bulk = await medianOfThree(() => bulkFloor(server, dir));
    const oneLane = await medianOfThree(() => schemagateCheck(adminUrl, dir, 1));
    // The stepwise floor, the check and the check with rows alternate, and each ratio is the median
    // of its rounds' ratios: on a shared machine the load drifts over a minute, and three runs of
    // one then three of the other measured the drift (1.17x and 1.55x for the rows in two runs ten
    // minutes apart) as much as the work.
    const rounds: { stepwise: number; check: number; rows: number }[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push({
        stepwise: await stepwiseFloor(server, dir),
        check: await schemagateCheck(adminUrl, dir),
        rows: await schemagateCheck(adminUrl, dir, null, 20),
      });
    }
    const stepwise = median(rounds.map((r) => r.stepwise));
    const check = median(rounds.map((r) => r.check));
    const withRows = median(rounds.map((r) => r.rows));
    const checkRatios = rounds.map((r) => r.check / r.stepwise);
    const rowsRatios = rounds.map((r) => r.rows / r.check);
    const ratioText = (xs: number[]) =>
      `${median(xs).toFixed(2)}x, the median of ${xs.map((x) => x.toFixed(2)).join(', ')}`;
    // A pull request's shape: the history's last migrations are the new ones (only they are round
    // tripped and, with rows, rehearsed; the rest are applied up, as production has them).
    const added = readdirSync(dir).sort().slice(-PR_MIGRATIONS);
    const prRounds: { check: number; rows: number }[] = [];
    for (let i = 0; i < 3; i++) {
      prRounds.push({
        check: await schemagateCheck(adminUrl, dir, null, 0, added),
        rows: await schemagateCheck(adminUrl, dir, null, 20, added),
      });
    }
    const pr = median(prRounds.map((r) => r.check));
    const prWithRows = median(prRounds.map((r) => r.rows));
    const prRatios = prRounds.map((r) => r.rows / r.check);
    console.log(`bulk floor (knex latest, rollback all, latest):  ${(bulk / 1000).toFixed(2)} s`);
    console.log(`stepwise floor (up, down, up per migration):      ${(stepwise / 1000).toFixed(2)} s`);
    console.log(
      `schemagate check (lanes: ${automaticLanes(1)}):                     ${(check / 1000).toFixed(2)} s`,
    );
    console.log(`schemagate check --lanes 1:                       ${(oneLane / 1000).toFixed(2)} s`);
    console.log(`ratio check / stepwise floor: ${ratioText(checkRatios)} (target <= 2.0x)`);
    console.log(`ratio check --lanes 1 / stepwise floor: ${(oneLane / stepwise).toFixed(2)}x`);
    console.log(`ratio check / bulk floor:     ${(check / bulk).toFixed(2)}x`);
    console.log(`schemagate check --rows 20:                       ${(withRows / 1000).toFixed(2)} s`);
    console.log(`ratio check --rows 20 / check: ${ratioText(rowsRatios)} (target <= 1.3x)`);
    console.log(
      `a pull request adding the last ${PR_MIGRATIONS}: check ${(pr / 1000).toFixed(2)} s, --rows 20 ${(prWithRows / 1000).toFixed(2)} s: ${ratioText(prRatios)}`,
    );

    const snapDb = await server.createDatabase('snapshot');
    const snapshotMs = await benchSnapshot(snapDb.url, 500);
    console.log(`full snapshot of a 500-table schema: median ${snapshotMs.toFixed(1)} ms (target <= 100 ms)`);
  } finally {
    await cleanup.releaseAll();
    rmSync(work, { recursive: true, force: true });
  }
  // Alembic against pytest-alembic, Django against manage.py migrate (bench/python-tools.ts).
  if (process.env.BENCH_SKIP_PYTHON !== '1') {
    console.log('');
    for (const line of await benchPythonTools()) console.log(line);
  }
  // Docker engines, a 3-engine run and the MySQL/MariaDB snapshot (skipped with a note without Docker).
  if (process.env.BENCH_SKIP_ENGINES !== '1') {
    console.log('');
    for (const line of await benchEngines()) console.log(line);
  }
}

await main();
