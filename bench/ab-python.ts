/**
 * A/B of schemagate's Python-tool checks (a developer's tool, not part of `npm run bench`): runs
 * `schemagate check --tool TOOL` on the bench's generated project (COUNT migrations, default 60)
 * with each variant in turn, alternating, after one warm-up each, and prints each variant's runs
 * and median (RUNS, default 3). Variants are separated by `|`; each is extra CLI flags and
 * NAME=value words, which set an environment variable for that variant's runs (the Python drivers
 * inherit it; SG_* variables are cleared between variants). TIMING=1 prints the wall time of each
 * driver command per run, TIMELINE=1 the progress lines with their times. With
 * SCHEMAGATE_PY_PROFILE=FOLDER every driver writes a cProfile file there. Under the tests' lock:
 *   VARIANTS='--lanes 1|--lanes 2' TOOL=alembic flock /tmp/sg-test.lock node --import jiti/register bench/ab-python.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCheckArgs } from '../src/config/cli-args.js';
import { silentLogger } from '../src/log.js';
import { PythonProcess } from '../src/migrators/python/process.js';
import { runWithDefaults } from '../src/wiring.js';
import { generateAlembicHistory } from './alembic-history.js';
import { generateDjangoHistory } from './django-history.js';
import { median } from './median.js';

const PYTHON = process.env.SCHEMAGATE_BENCH_PYTHON ?? '/usr/bin/python3';
const SERVER = process.env.SCHEMAGATE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOOL = process.env.TOOL ?? 'alembic';
const COUNT = Number(process.env.COUNT ?? 60);
const RUNS = Number(process.env.RUNS ?? 3);
const VARIANTS = (process.env.VARIANTS ?? '').split('|').map((v) => v.trim().split(/\s+/).filter(Boolean));

// Where the Python requests' time goes (TIMING=1): wall time per command, summed over a run.
const timing = new Map<string, { n: number; ms: number }>();
if (process.env.TIMING) {
  const request = PythonProcess.prototype.request;
  PythonProcess.prototype.request = async function (
    this: PythonProcess,
    cmd: string,
    args?: Record<string, unknown>,
  ) {
    const t0 = performance.now();
    try {
      return await request.call(this, cmd, args);
    } finally {
      const t = timing.get(cmd) ?? { n: 0, ms: 0 };
      timing.set(cmd, { n: t.n + 1, ms: t.ms + performance.now() - t0 });
    }
  } as typeof request;
}

const work = mkdtempSync(path.join(tmpdir(), 'sg-ab-python-'));
try {
  const dir =
    TOOL === 'alembic'
      ? generateAlembicHistory(path.join(work, 'p'), COUNT, Math.ceil(COUNT / 3))
      : generateDjangoHistory(path.join(work, 'p'), COUNT);
  const run = async (variant: string[]) => {
    // NAME=value words set an environment variable for the run (the drivers inherit it).
    const env = variant.filter((w) => /^[A-Z_]+=/.test(w));
    const extra = variant.filter((w) => !env.includes(w));
    for (const e of Object.keys(process.env)) if (e.startsWith('SG_')) delete process.env[e];
    for (const e of env) process.env[e.slice(0, e.indexOf('='))] = e.slice(e.indexOf('=') + 1);
    const argv = [
      '--tool',
      TOOL,
      ...extra,
      '--provider',
      'url',
      '--url',
      SERVER,
      '--python',
      PYTHON,
      '--quiet',
    ];
    const { options } = await parseCheckArgs(argv, dir, {});
    const t0 = performance.now();
    timing.clear();
    const stamp = (kind: string) => (m: string) => {
      if (!/ \d+\/\d+ /.test(m) || / 1\/| 2\/| 60\/| 59\//.test(m))
        console.log(`    ${Math.round(performance.now() - t0)} ${kind} ${m.slice(0, 140)}`);
    };
    const logger = process.env.TIMELINE
      ? { progress: stamp('P'), info: stamp('I'), warn: stamp('W'), debug: stamp('D') }
      : silentLogger;
    await runWithDefaults(options, logger, new AbortController().signal);
    const ms = performance.now() - t0;
    if (process.env.TIMING) {
      const parts = [...timing].map(([cmd, t]) => `${cmd} ${t.n}x ${Math.round(t.ms)} ms`).join(', ');
      console.log(`  ${extra.join(' ')}: ${Math.round(ms)} ms; ${parts}`);
    }
    return ms;
  };
  for (const v of VARIANTS) await run(v); // warm-up
  const times = VARIANTS.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, v] of VARIANTS.entries()) times[k]!.push(await run(v));
  }
  for (const [k, v] of VARIANTS.entries()) {
    console.log(
      `${TOOL} [${v.join(' ') || 'default'}]: median ${(median(times[k]!) / 1000).toFixed(2)} s  runs ${times[k]!.map((t) => (t / 1000).toFixed(2)).join(' ')}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
