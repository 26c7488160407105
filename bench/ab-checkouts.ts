/**
 * A/B of two checkouts of schemagate on the knex bench history (a developer's tool, not part of
 * `npm run bench`): this checkout (`head`) and the one at AB_BASE (`base`, e.g. a `git worktree`
 * of main with a link to this node_modules) are loaded into one process and run in turn against
 * one embedded server, round after round, so that the runs compared share the machine's load. On
 * this project's shared 2-core machines single runs move by ±30% from one minute to the next; a
 * change worth a few percent shows only in the per-round ratios.
 *
 * KINDS lists what each round runs, as `name:checkout:rows` (default: the check without rows on
 * head, then with --rows 20 on base and on head); LANES=1 for one lane. Prints every round, each
 * kind's median, and each kind's per-round ratios to the first kind with their median:
 *   git worktree add /work/wt/base main && ln -s "$PWD/node_modules" /work/wt/base/node_modules
 *   AB_BASE=/work/wt/base flock /tmp/sg-test.lock node --import jiti/register bench/ab-checkouts.ts [rounds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cleanup } from '../src/databases/cleanup.js';
import { type Checkout, embeddedBenchServer, knexCheck, loadCheckout } from './knex-check.js';
import { generateKnexHistory } from './knex-history.js';
import { median } from './median.js';

const COUNT = Number(process.env.BENCH_MIGRATIONS ?? 200);
const TABLES = Number(process.env.BENCH_TABLES ?? 100);
const LANES = process.env.LANES ? Number(process.env.LANES) : null;
const ROUNDS = Number(process.argv[2] ?? 5);

interface Kind {
  name: string;
  checkout: 'head' | 'base';
  rows: number;
}

function parseKinds(text: string): Kind[] {
  return text.split(',').map((item) => {
    const [name, checkout, rows] = item.trim().split(':');
    if (!name || (checkout !== 'head' && checkout !== 'base') || !/^\d+$/.test(rows ?? ''))
      throw new Error(`KINDS item '${item}': expected name:head|base:rows, e.g. with-rows:base:20`);
    return { name, checkout, rows: Number(rows) };
  });
}

async function main(): Promise<void> {
  const kinds = parseKinds(process.env.KINDS ?? 'check:head:0,rows-base:base:20,rows-head:head:20');
  const base = process.env.AB_BASE;
  if (!base && kinds.some((k) => k.checkout === 'base'))
    throw new Error(
      'AB_BASE: the path of the checkout to compare with (see the header of bench/ab-checkouts.ts)',
    );
  const checkouts: Record<Kind['checkout'], Checkout> = {
    head: await loadCheckout(),
    base: base ? await loadCheckout(path.resolve(base)) : await loadCheckout(),
  };
  const work = mkdtempSync(path.join(tmpdir(), 'sg-ab-'));
  const cleanup = new Cleanup();
  try {
    const dir = generateKnexHistory(work, COUNT, TABLES);
    const { adminUrl } = await embeddedBenchServer(cleanup);
    const run = (k: Kind) => knexCheck(checkouts[k.checkout], adminUrl, dir, { lanes: LANES, rows: k.rows });
    for (const k of kinds) await run(k); // warm-up: each checkout's first run loads and plans
    const times = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      const line: string[] = [];
      for (const k of kinds) {
        const ms = await run(k);
        times.get(k.name)!.push(ms);
        line.push(`${k.name} ${ms.toFixed(0)} ms`);
      }
      console.log(`round ${round}: ${line.join(' | ')}`);
    }
    const first = times.get(kinds[0]!.name)!;
    for (const k of kinds) {
      const own = times.get(k.name)!;
      const ratios = own.map((ms, i) => ms / first[i]!);
      console.log(
        `${k.name}: median ${median(own).toFixed(0)} ms; per round / ${kinds[0]!.name}: ${ratios.map((r) => r.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)}x`,
      );
    }
  } finally {
    await cleanup.releaseAll();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
