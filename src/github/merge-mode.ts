/**
 * `mode: merge`: the final job of a CI matrix. It reads the legs' downloaded reports (untrusted, as
 * `mode: comment` reads them: validated, masked; nothing from the artifacts runs), merges them into
 * one report and verdict (report/merge.ts), and then does what `mode: check` does with a report:
 * the report file and outputs, the job summary, one comment, and the step fails when the verdict
 * does. The comment is posted through `schemagate comment`'s own path (comment-command.ts), so the
 * pull request and the run link come from the trusted event, never from a report.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ActionMode } from '../config/action-inputs.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { render } from '../report/renderers.js';
import type { Secrets } from '../secrets.js';
import type { ActionIO } from './action-io.js';
import { actionOutputs } from './action-outputs.js';
import { commentFromReport } from './comment-command.js';
import { reportFiles } from './comment-mode.js';
import { type Env, readGitHubContext } from './context.js';
import { mergeReportFiles } from './merge-reports.js';
import type { Octokit } from './octokit.js';
import { setVerdict } from './verdict-output.js';

export async function runMergeMode(
  mode: Extract<ActionMode, { mode: 'merge' }>,
  deps: {
    io: ActionIO;
    env: Env;
    log: Logger;
    secrets: Secrets;
    octokit?: (token: string, baseUrl: string, log: Logger) => Octokit;
  },
): Promise<void> {
  const { io, env, log, secrets } = deps;
  const mask = (text: string) => secrets.mask(text);
  const files = await reportFiles(mode.report, env.GITHUB_WORKSPACE || process.cwd());
  log.info(`merging ${files.length} report(s): ${files.map((f) => path.basename(f)).join(', ')}`);
  const { report, reasons } = await mergeReportFiles(files, { failOn: mode.failOn }, secrets);

  // Not a schemagate-report*.json name: a folder the merge reads again never takes it for a leg's.
  const reportPath = path.join(env.RUNNER_TEMP || os.tmpdir(), 'schemagate-merged.json');
  await mkdir(path.dirname(reportPath), { recursive: true });
  await writeFile(reportPath, mask(await render('json', report)));
  for (const [name, value] of Object.entries(actionOutputs(report, reportPath))) io.setOutput(name, value);
  await io.appendSummary(mask(await render('summary', report)));

  const gh = readGitHubContext(env);
  if (mode.comment && (gh.pullRequest || gh.payload.workflow_run)) {
    const octokit = deps.octokit;
    try {
      await commentFromReport(
        { reportPath, token: mode.token || null, runUrl: gh.runUrl },
        {
          env,
          log,
          secrets,
          ...(octokit ? { octokit: (t: string, u: string) => octokit(t, u, log) } : {}),
        },
      );
    } catch (error) {
      // As in mode: check, the comment never decides the verdict: the summary and report stand.
      log.warn(`could not comment on the pull request: ${errorMessage(error)}`);
    }
  } else if (mode.comment) log.info('no pull request in this event: the comment is skipped');

  setVerdict(io, log, report.status, reasons, mask);
}
