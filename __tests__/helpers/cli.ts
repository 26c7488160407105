/**
 * Runs the schemagate CLI as a user would: a separate process, real arguments, real exit code.
 * By default it runs the TypeScript sources (through jiti), so tests never depend on a stale bundle;
 * SCHEMAGATE_TEST_BUNDLE=1 runs the committed dist/cli.js instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { EngineReport, Report } from '../../src/report/model.js';
import { rememberStarted } from './leftovers.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const FIXTURES = path.join(ROOT, '__tests__', 'fixtures');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function cliCommand(): string[] {
  return process.env.SCHEMAGATE_TEST_BUNDLE === '1'
    ? [path.join(ROOT, 'dist', 'cli.js')]
    : ['--import', 'jiti/register', path.join(ROOT, 'src', 'cli.ts')];
}

export function startCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): ChildProcess {
  const child = spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: options.cwd ?? ROOT,
    // process.env carries this test run's marker (helpers/leftovers.ts), so the run's processes count.
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its embedded data folders and containers are named after its pid: they count as this run's.
  rememberStarted(child.pid);
  return child;
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  const child = startCli(args, options);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once the child has written `text` to stderr; fails if it exits first or takes a minute. */
export function stderrShows(child: ChildProcess, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`never saw "${text}": ${seen}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited before "${text}": ${seen}`));
    });
  });
}

/** The one line schemagate printed as its error (exactly one, and no stack trace). */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('schemagate: '));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

/** One folder per test file for JSON reports; removeReports() (in afterAll) deletes it. */
let reports: string | null = null;

/** A fresh path for a run's `--json` report. */
export function reportPath(): string {
  reports ??= mkdtempSync(path.join(tmpdir(), 'sg-reports-'));
  return path.join(mkdtempSync(path.join(reports, 'run-')), 'report.json');
}

export function removeReports(): void {
  if (reports !== null) rmSync(reports, { recursive: true, force: true });
  reports = null;
}

export function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

export interface CheckRun extends CliResult {
  /** The JSON report (`--json`), or null when the run stopped before writing one. */
  report: Report | null;
  /** The PR comment body (`--markdown`, when asked for), or null. */
  markdown: string | null;
  /** The report's only engine. */
  engine: EngineReport | null;
}

/** `schemagate check --cwd <cwd> --json <tmp> [--markdown <tmp>] <args>`, with what it wrote. */
export async function checkIn(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string>; markdown?: boolean } = {},
): Promise<CheckRun> {
  const out = await mkdtemp(path.join(tmpdir(), 'sg-check-'));
  try {
    const json = path.join(out, 'report.json');
    const md = path.join(out, 'comment.md');
    const r = await runCli(
      ['check', '--cwd', cwd, '--json', json, ...(options.markdown ? ['--markdown', md] : []), ...args],
      { env: options.env },
    );
    const text = await readFile(json, 'utf8').catch(() => null);
    const report = text === null ? null : (JSON.parse(text) as Report);
    const markdown = options.markdown ? await readFile(md, 'utf8').catch(() => null) : null;
    return { ...r, report, markdown, engine: report?.engines[0] ?? null };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
