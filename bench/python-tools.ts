/**
 * The Python tools' speed goals (issue #12), on one local Postgres server (SCHEMAGATE_BENCH_PG_URL,
 * default the CI box's 127.0.0.1:5432), medians of three after a warm-up:
 *  - Alembic: `schemagate check --tool alembic` on a generated history against pytest-alembic's four
 *    default tests on the same project and server (target: at most 1.0x). pytest-alembic is not a
 *    Debian package: point PYTEST_ALEMBIC_SRC at its `src` folder (a checkout of
 *    github.com/schireson/pytest-alembic, kept outside this repository); pytest comes from Debian's
 *    python3-pytest. Without them the absolute figure is printed alone.
 *  - Django: `schemagate check --tool django` on a generated app against a plain `manage.py migrate`
 *    forward walk plus `migrate APP zero` (target: at most 1.5x).
 * schemagate runs in process through the CLI's own path (flags, wiring, cleanup): Node's start is
 * not counted, the Python processes it starts are; the tools it is compared with are whole processes.
 *
 *   node --import jiti/register bench/python-tools.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseCheckArgs } from '../src/config/cli-args.js';
import { silentLogger } from '../src/log.js';
import { assembleReport } from '../src/report/assemble.js';
import { DEFAULT_FAIL_ON } from '../src/vocabulary/fail-on.js';
import { runWithDefaults } from '../src/wiring.js';
import { generateAlembicHistory } from './alembic-history.js';
import { generateDjangoHistory } from './django-history.js';
import { median } from './median.js';

const PYTHON = process.env.SCHEMAGATE_BENCH_PYTHON ?? '/usr/bin/python3';
const SERVER = process.env.SCHEMAGATE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REVISIONS = Number(process.env.BENCH_ALEMBIC_REVISIONS ?? 60);
const DJANGO_MIGRATIONS = Number(process.env.BENCH_DJANGO_MIGRATIONS ?? 60);
const RUNS = 3;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function medianOf(fn: () => Promise<number>): Promise<number> {
  await fn(); // warm-up: the OS's file cache, the server's catalog caches
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await fn());
  return median(runs);
}

/** One whole check, as `schemagate check ARGS` runs it, with every check on; returns ms. */
async function schemagate(cwd: string, args: string[]): Promise<number> {
  const argv = [...args, '--provider', 'url', '--url', SERVER, '--python', PYTHON, '--quiet'];
  const { options } = await parseCheckArgs(argv, cwd, {});
  const t0 = performance.now();
  const results = await runWithDefaults(options, silentLogger, new AbortController().signal);
  const ms = performance.now() - t0;
  const { report } = assembleReport(results, null, { failOn: new Set(DEFAULT_FAIL_ON) });
  if (report.status !== 'pass') {
    const failed = report.engines.map((e) => ({
      drift: e.drift,
      migrations: e.migrations.filter((m) => m.status !== 'pass'),
    }));
    throw new Error(
      `the benchmark project should pass: ${JSON.stringify({ findings: report.findings, failed }).slice(0, 3000)}`,
    );
  }
  return ms;
}

/** A fresh database on the server for a tool that needs one made for it; dropped by the returned function. */
async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function timedProcess(args: string[], cwd: string, env: Record<string, string>): number {
  const t0 = performance.now();
  try {
    execFileSync(PYTHON, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  return performance.now() - t0;
}

function pytestAlembicSource(): string | null {
  const src = process.env.PYTEST_ALEMBIC_SRC;
  if (!src || !existsSync(path.join(src, 'pytest_alembic'))) return null;
  try {
    execFileSync(PYTHON, ['-c', 'import pytest'], { stdio: 'pipe' });
    return src;
  } catch {
    return null;
  }
}

async function benchAlembic(work: string): Promise<string[]> {
  const dir = generateAlembicHistory(path.join(work, 'alembic'), REVISIONS, Math.ceil(REVISIONS / 3));
  const ours = await medianOf(() => schemagate(dir, ['--tool', 'alembic']));
  const lines = [`schemagate check --tool alembic (${REVISIONS} revisions): ${seconds(ours)}`];
  const src = pytestAlembicSource();
  if (!src) {
    lines.push(
      '  pytest-alembic: skipped (set PYTEST_ALEMBIC_SRC to its src folder; pytest from python3-pytest)',
    );
    return lines;
  }
  const theirs = await medianOf(async () => {
    const db = await freshDatabase('sg_bench_pytest_alembic');
    try {
      return timedProcess(['-m', 'pytest', '-p', 'no:cacheprovider'], dir, {
        PYTHONPATH: `${src}${path.delimiter}${dir}`,
        BENCH_DATABASE_URL: db.url.replace(/^postgres:/, 'postgresql:'),
      });
    } finally {
      await db.drop();
    }
  });
  lines.push(`pytest-alembic's default tests on the same project: ${seconds(theirs)}`);
  lines.push(`ratio schemagate / pytest-alembic: ${(ours / theirs).toFixed(2)}x (target <= 1.0x)`);
  return lines;
}

async function benchDjango(work: string): Promise<string[]> {
  const dir = generateDjangoHistory(path.join(work, 'django'), DJANGO_MIGRATIONS);
  const ours = await medianOf(() => schemagate(dir, ['--tool', 'django']));
  const theirs = await medianOf(async () => {
    const db = await freshDatabase('sg_bench_django');
    try {
      const env = { BENCH_DATABASE_URL: db.url };
      return (
        timedProcess(['manage.py', 'migrate', '-v', '0'], dir, env) +
        timedProcess(['manage.py', 'migrate', 'shop', 'zero', '-v', '0'], dir, env)
      );
    } finally {
      await db.drop();
    }
  });
  return [
    `schemagate check --tool django (${DJANGO_MIGRATIONS} migrations): ${seconds(ours)}`,
    `manage.py migrate + migrate shop zero on the same project: ${seconds(theirs)}`,
    `ratio schemagate / migrate forward and back: ${(ours / theirs).toFixed(2)}x (target <= 1.5x)`,
  ];
}

export async function benchPythonTools(): Promise<string[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'sg-bench-python-'));
  try {
    return [...(await benchAlembic(work)), ...(await benchDjango(work))];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchPythonTools()) console.log(line);
}
