/**
 * Shared by the drift-through-the-CLI tests: the two real servers as `--url` targets, a runner that
 * returns the exit code, the output and the JSON report, and the leftover counts (no `schemagate_`
 * database may survive a run, on either server).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineReport, Report } from '../../../src/report/model.js';
import { type CliResult, FIXTURES, runCli } from '../../helpers/cli.js';

export const DRIFT_CLI = path.join(FIXTURES, 'drift-cli');

/** The two local servers as `--url` targets and their leftover counts (helpers/targets.ts). */
export { ENGINES, leftoversAfterRun, mariadb, postgres, type Target } from '../../helpers/targets.js';

export interface CheckRun extends CliResult {
  /** The JSON report (`--json`), or null when the run stopped before writing one. */
  report: Report | null;
  /** Its only engine. */
  engine: EngineReport | null;
}

/** `schemagate check` in `cwd` with `args`, reading the JSON report it wrote. */
export async function check(cwd: string, args: string[]): Promise<CheckRun> {
  const out = await mkdtemp(path.join(tmpdir(), 'sg-driftcli-report-'));
  try {
    const json = path.join(out, 'report.json');
    const r = await runCli(['check', '--cwd', cwd, '--json', json, ...args]);
    const text = await readFile(json, 'utf8').catch(() => null);
    const report = text === null ? null : (JSON.parse(text) as Report);
    return { ...r, report, engine: report?.engines[0] ?? null };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** A copy of a fixture project in a temporary folder, for runs that write into it. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `sg-driftcli-${name}-`));
  await cp(path.join(DRIFT_CLI, name), dir, { recursive: true });
  // The fixture's migrations are CommonJS `.js`; the root package.json that says so stays behind.
  await cp(path.join(DRIFT_CLI, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}
