/**
 * `mode: comment`: the trusted half of the fork-safe pair of workflows. It posts (or updates) the
 * sticky comment from report files another workflow uploaded, and does nothing else: it runs no
 * npm, loads no project code and reads no config file, because the artifact folder holds whatever
 * the pull request's workflow put there (an `.npmrc`, a `package.json`, a `schemagate.config.json`),
 * and this job has a write token. Each report is untrusted data (see comment-command.ts).
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Secrets } from '../secrets.js';
import { commentFromReport } from './comment-command.js';
import type { Env } from './context.js';
import type { Octokit } from './octokit.js';

/**
 * The report files: the file itself, or the `schemagate-report*.json` files directly in the folder
 * (the names the Action's `report` output has; a matrix's artifacts hold one per leg). Nothing else
 * in the folder is read. Links are refused: an artifact could point one at a runner's file.
 */
const REPORT_NAME = /^schemagate-report[\w.-]*\.json$/;

export async function reportFiles(input: string, base: string): Promise<string[]> {
  const target = path.resolve(base, input);
  const stat = await lstat(target).catch(() => null);
  if (!stat) throw new UsageError(`Input 'report' is '${input}': no such file or folder`);
  if (stat.isSymbolicLink()) throw new UsageError(`Input 'report' is '${input}': a link, not a report`);
  if (stat.isFile()) return [target];
  if (!stat.isDirectory()) throw new UsageError(`Input 'report' is '${input}': not a file or folder`);
  const files: string[] = [];
  for (const entry of (await readdir(target, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.isFile() && REPORT_NAME.test(entry.name)) files.push(path.join(target, entry.name));
  }
  if (files.length === 0)
    throw new UsageError(
      `Input 'report' is '${input}': the folder holds no schemagate-report*.json file (pass the report file itself if it is named otherwise)`,
    );
  return files;
}

export async function runCommentMode(
  inputs: { token: string; report: string },
  deps: {
    env: Env;
    log: Logger;
    secrets: Secrets;
    octokit?: (token: string, baseUrl: string, log: Logger) => Octokit;
  },
): Promise<void> {
  const files = await reportFiles(inputs.report, deps.env.GITHUB_WORKSPACE || process.cwd());
  const octokit = deps.octokit;
  for (const reportPath of files) {
    await commentFromReport(
      { reportPath, token: inputs.token || null },
      {
        env: deps.env,
        log: deps.log,
        secrets: deps.secrets,
        ...(octokit ? { octokit: (t: string, u: string) => octokit(t, u, deps.log) } : {}),
      },
    );
  }
}
