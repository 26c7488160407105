/**
 * Argument parsing for `schemagate comment`; the work is commentFromReport (comment-command.ts).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Secrets } from '../secrets.js';
import { commentFromReport } from './comment-command.js';
import type { Env } from './context.js';

export const COMMENT_HELP = `Usage: schemagate comment --report FILE [flags]

Posts or updates the pull request comment from a saved report (the Action's 'report' output or
schemagate check --json FILE). Made for a workflow_run workflow that comments on pull requests
from forks; see docs/github-action.md (the Action's 'mode: comment' does the same). The report is
untrusted: run this from a folder you control, never the downloaded artifact's (npm reads its
.npmrc and package.json).

  --report FILE   the JSON report (required)
  --pr N          the pull request (default: from the workflow_run or pull_request event)
  --repo O/NAME   the repository (default: GITHUB_REPOSITORY)
  --key KEY       which configuration's comment (default: the one recorded in the report); only
                  comments this token's identity wrote are ever edited
  --dry-run       print the comment instead of posting it
The token is read from GITHUB_TOKEN; it needs pull-requests: write.`;

export async function commentMain(
  argv: string[],
  io: { log: Logger; secrets: Secrets; env: Env },
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        report: { type: 'string' },
        pr: { type: 'string' },
        repo: { type: 'string' },
        key: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}: run schemagate comment --help`,
    );
  }
  if (values.help) {
    process.stdout.write(`${COMMENT_HELP}\n`);
    return 0;
  }
  if (typeof values.report !== 'string')
    throw new UsageError('--report FILE is required: run schemagate comment --help');
  const pr = typeof values.pr === 'string' ? Number(values.pr) : null;
  if (pr !== null && !(Number.isInteger(pr) && pr > 0))
    throw new UsageError(`--pr ${values.pr}: expected a pull request number`);
  await commentFromReport(
    {
      reportPath: values.report,
      pr,
      repo: typeof values.repo === 'string' ? values.repo : null,
      configKey: typeof values.key === 'string' ? values.key : null,
      dryRun: values['dry-run'] === true,
    },
    io,
  );
  return 0;
}
