/**
 * The Action: inputs -> the check -> report file, outputs, job summary, annotations, the sticky
 * comment, and the verdict. Every dependency comes in as a parameter; src/action.ts passes the real
 * ones. This is the edge: it is the one place that turns an error into `setFailed`.
 *
 * A comment that cannot be posted (a fork's read-only token, an API outage) is a warning, never a
 * failure: the summary and the report file are written before it is tried.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readActionInputs, readActionMode } from '../config/action-inputs.js';
import type { Options } from '../config/options.js';
import { Cleanup } from '../databases/cleanup.js';
import { errorMessage, SchemagateError } from '../errors.js';
import type { Logger } from '../log.js';
import { assembleReport } from '../report/assemble.js';
import { commentMarker, sanitizeConfigKey } from '../report/comment-marker.js';
import { render } from '../report/renderers.js';
import type { RunResults } from '../report/results.js';
import { maskReport, Secrets } from '../secrets.js';
import type { ActionIO } from './action-io.js';
import { actionOutputs } from './action-outputs.js';
import { runCommentMode } from './comment-mode.js';
import { type Env, readGitHubContext } from './context.js';
import { configKeyFor, pullRequestFacts } from './enrich-report.js';
import { runMergeMode } from './merge-mode.js';
import { createOctokit, type Octokit } from './octokit.js';
import type { GitRunner } from './pr-files.js';
import { toProjectPaths } from './pr-files.js';
import { addedOrChanged } from './pr-findings.js';
import { pullRequestChanges } from './pull-request-files.js';
import { isPermissionError, upsertComment } from './sticky-comment.js';
import { setVerdict } from './verdict-output.js';

export type CheckRunner = (
  options: Options,
  log: Logger,
  signal: AbortSignal,
  cleanup: Cleanup,
) => Promise<RunResults>;

export interface ActionDeps {
  io: ActionIO;
  env: Env;
  /** The check pipeline (runWithDefaults). */
  check: CheckRunner;
  octokit?: (token: string, baseUrl: string, log: Logger) => Octokit;
  git?: GitRunner;
  signal?: AbortSignal;
  cleanup?: Cleanup;
}

/** The Logger the pipeline writes to: the workflow log, every line masked. */
export function actionLogger(io: ActionIO, secrets: Secrets): Logger {
  return {
    progress: (m) => io.info(secrets.mask(m)),
    info: (m) => io.info(secrets.mask(m)),
    warn: (m) => io.warning(secrets.mask(m)),
    debug: (m) => io.debug(secrets.mask(m)),
  };
}

const defaultOctokit = (token: string, baseUrl: string, log: Logger) =>
  createOctokit(token, baseUrl, { onRetry: (message) => log.info(message) });

export async function runAction(deps: ActionDeps): Promise<void> {
  const { io, env } = deps;
  const secrets = new Secrets();
  try {
    const mode = readActionMode(io, secrets);
    if (mode.mode === 'comment') {
      await runCommentMode(mode, {
        env,
        log: actionLogger(io, secrets),
        secrets,
        ...(deps.octokit ? { octokit: deps.octokit } : {}),
      });
      return;
    }
    if (mode.mode === 'merge') {
      await runMergeMode(mode, {
        io,
        env,
        log: actionLogger(io, secrets),
        secrets,
        ...(deps.octokit ? { octokit: deps.octokit } : {}),
      });
      return;
    }
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const inputs = await readActionInputs(io, secrets, workspace);
    const log = actionLogger(io, secrets);
    const mask = (text: string) => secrets.mask(text);
    const gh = readGitHubContext(env);
    const pr = gh.pullRequest;
    const configKey = configKeyFor(inputs.workingDirectory, inputs.engineNames);
    const octokit =
      inputs.token && gh.repo ? (deps.octokit ?? defaultOctokit)(inputs.token, gh.apiUrl, log) : null;

    const changes = pr
      ? await pullRequestChanges({ octokit, repo: gh.repo, pr, gitCwd: workspace, git: deps.git, log })
      : null;
    const projectChanges = changes ? toProjectPaths(changes, inputs.workingDirectory) : null;
    if (pr && inputs.onlyChanged && projectChanges) {
      inputs.options.onlyChanged = addedOrChanged(projectChanges);
    }

    // Masked value by value before anything renders it (see maskReport).
    const results = maskReport(
      await deps.check(
        inputs.options,
        log,
        deps.signal ?? new AbortController().signal,
        deps.cleanup ?? new Cleanup(),
      ),
      secrets,
    );
    const prFacts = pr ? pullRequestFacts({ pr, runUrl: gh.runUrl, changes: projectChanges }, results) : null;
    const { report, reasons } = assembleReport(results, prFacts, { failOn: inputs.failOn }, { configKey });

    // The report and the summary come first: nothing after them (the comment) may prevent them.
    const reportPath = path.join(
      env.RUNNER_TEMP || os.tmpdir(),
      // A shard's leg has the same key as its siblings: the name must tell them apart, or a merge
      // job's download-artifact (merge-multiple) would keep only one of them.
      `schemagate-report-${sanitizeConfigKey(configKey).replace(/[^\w.-]+/g, '_')}${inputs.options.shard ? `-shard-${inputs.options.shard.index}-of-${inputs.options.shard.count}` : ''}.json`,
    );
    await mkdir(path.dirname(reportPath), { recursive: true });
    await writeFile(reportPath, mask(await render('json', report)));
    for (const [name, value] of Object.entries(actionOutputs(report, reportPath))) io.setOutput(name, value);
    await io.appendSummary(mask(await render('summary', report)));
    const notes = await render('annotations', report, { workingDirectory: inputs.workingDirectory });
    for (const a of notes) io.error(mask(a.message), a.props);

    if (inputs.comment && pr) {
      if (!octokit || !gh.repo)
        log.warn('no github-token or repository: the pull request comment is skipped');
      else
        await postComment(
          octokit,
          gh.repo,
          pr.number,
          commentMarker(configKey),
          mask(await render('markdown', report, { configKey, runUrl: gh.runUrl })),
          log,
          pr.fromFork,
        );
    }

    setVerdict(io, log, report.status, reasons, mask);
  } catch (error) {
    const hint = error instanceof SchemagateError && error.hint ? ` (${error.hint})` : '';
    io.setFailed(secrets.mask(`schemagate: ${errorMessage(error)}${hint}`));
  }
}

async function postComment(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
  marker: string,
  body: string,
  log: Logger,
  fromFork: boolean,
): Promise<void> {
  try {
    const result = await upsertComment(octokit, repo, number, marker, body);
    log.info(`pull request comment ${result.action}${result.url ? `: ${result.url}` : ''}`);
  } catch (error) {
    // Never fail the check because of the comment: the verdict, the summary and the report stand.
    if (isPermissionError(error)) {
      log.warn(
        `could not comment on pull request #${number}: the token may not write to pull requests${fromFork ? ' (pull requests from forks get a read-only token)' : ''}. Give the job 'permissions: pull-requests: write', or post the comment from a workflow_run workflow with 'schemagate comment' (see docs/github-action.md).`,
      );
    } else {
      log.warn(`could not comment on pull request #${number}: ${errorMessage(error)}`);
    }
  }
}
