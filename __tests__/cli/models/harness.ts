/**
 * Shared by the drift-through-the-CLI tests: the drift fixtures' folder and a copy of one for runs that
 * write into it. The targets, the runner and the leftover counts are the harness's (__tests__/helpers/).
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CheckRun, checkIn, FIXTURES } from '../../helpers/cli.js';

export const DRIFT_CLI = path.join(FIXTURES, 'drift-cli');

/** The two local servers as `--url` targets and their leftover counts (helpers/targets.ts). */
export type { CheckRun } from '../../helpers/cli.js';
export { ENGINES, leftoversAfterRun, mariadb, postgres, type Target } from '../../helpers/targets.js';

/** `schemagate check` in `cwd` with `args`, reading the JSON report it wrote. */
export function check(cwd: string, args: string[]): Promise<CheckRun> {
  return checkIn(cwd, args);
}

/** A copy of a fixture project in a temporary folder, for runs that write into it. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `sg-driftcli-${name}-`));
  await cp(path.join(DRIFT_CLI, name), dir, { recursive: true });
  // The fixture's migrations are CommonJS `.js`; the root package.json that says so stays behind.
  await cp(path.join(DRIFT_CLI, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}
