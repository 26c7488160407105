/**
 * `schemagate comment --report report.json`: posts (or updates) the sticky comment from a saved
 * report. Made for the fork-safe pair of workflows: the `pull_request` workflow runs the check with
 * a read-only token and uploads the report; a `workflow_run` workflow, which has a write token and
 * runs trusted code only, downloads it and calls this.
 *
 * The report comes from untrusted code, so it only supplies content: it is checked against the
 * Report type field by field (validate.ts), masked, and rendered with full escaping. Which pull
 * request to comment on comes from the trusted event when there is one; a report that claims
 * another pull request is refused. The "workflow run" link comes from the event too, never from the
 * report. The report's configKey (limited to the marker's safe characters) only picks among this
 * token's own comments (sticky-comment.ts): it cannot make schemagate edit anyone else's.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { commentMarker } from '../report/comment-marker.js';
import type { Report } from '../report/model.js';
import { render } from '../report/renderers.js';
import { ReportShapeError, validateReport } from '../report/validate.js';
import { maskReport, type Secrets } from '../secrets.js';
import { type Env, type GitHubContext, type Repo, readGitHubContext } from './context.js';
import { createOctokit, type Octokit } from './octokit.js';
import { type UpsertResult, upsertComment } from './sticky-comment.js';

export interface CommentOptions {
  reportPath: string;
  /** Pull request number; default: from the event (workflow_run or pull_request), then the report. */
  pr?: number | null;
  /** `owner/name`; default: GITHUB_REPOSITORY. */
  repo?: string | null;
  /** Configuration key of the comment; default: the report's. */
  configKey?: string | null;
  /** Token; default: GITHUB_TOKEN. */
  token?: string | null;
  /** Print the body instead of posting it. */
  dryRun?: boolean;
  /**
   * The run to link when the event names none (not a workflow_run): the Action's merge job passes
   * its own run, from the runner's environment; never from a report.
   */
  runUrl?: string | null;
}

export interface CommentDeps {
  env: Env;
  log: Logger;
  secrets: Secrets;
  octokit?: (token: string, baseUrl: string) => Octokit;
  /** Where a dry run's body goes (stdout). */
  out?: (text: string) => void;
}

/** A report file, validated field by field (untrusted). `where` names it in errors: `--report FILE`. */
export async function loadReport(file: string, where = `--report ${file}`): Promise<Report> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${where}: cannot read a JSON report (${(error as Error).message.split('\n')[0]})`);
  }
  try {
    return validateReport(parsed);
  } catch (error) {
    if (!(error instanceof ReportShapeError)) throw error;
    throw new ConfigError(
      `${where}: ${error.message} (not a schemagate report of this version: write one with schemagate check --json FILE or the Action's 'report' output)`,
    );
  }
}

/** The run the `workflow_run` event is about (where its job summary is), when GitHub names one. */
function eventRunUrl(gh: GitHubContext): string | null {
  const run = gh.payload.workflow_run as { html_url?: unknown } | undefined;
  return typeof run?.html_url === 'string' && run.html_url.startsWith(`${gh.serverUrl}/`)
    ? run.html_url
    : null;
}

function parseRepo(text: string | null | undefined): Repo | null {
  const [owner, repo, ...rest] = (text ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : null;
}

/** The pull request a `workflow_run` event is about; forks' runs list none, so look it up by head SHA. */
async function workflowRunPullRequest(
  gh: GitHubContext,
  octokit: Octokit,
  repo: Repo,
): Promise<number | null> {
  const run = gh.payload.workflow_run as
    | { pull_requests?: { number: number }[]; head_sha?: string }
    | undefined;
  if (!run) return null;
  const listed = run.pull_requests?.[0]?.number;
  if (typeof listed === 'number') return listed;
  if (!run.head_sha) return null;
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner: repo.owner,
    repo: repo.repo,
    state: 'open',
    per_page: 100,
  })) {
    const found = page.data.find((p) => p.head.sha === run.head_sha);
    if (found) return found.number;
  }
  return null;
}

export async function commentFromReport(
  opts: CommentOptions,
  deps: CommentDeps,
): Promise<UpsertResult | { action: 'printed' }> {
  const token = opts.token ?? deps.env.GITHUB_TOKEN ?? '';
  deps.secrets.add(token);
  const loaded = maskReport(await loadReport(opts.reportPath), deps.secrets);
  const gh = readGitHubContext(deps.env);
  // Links come from the trusted event only: a report's runUrl could point anywhere.
  const report: Report = loaded.pullRequest
    ? { ...loaded, pullRequest: { ...loaded.pullRequest, runUrl: undefined } }
    : loaded;
  const configKey = opts.configKey ?? report.configKey ?? 'default';
  const body = deps.secrets.mask(
    await render('markdown', report, { configKey, runUrl: eventRunUrl(gh) ?? opts.runUrl ?? null }),
  );
  if (opts.dryRun) {
    (deps.out ?? ((t) => process.stdout.write(t)))(body);
    return { action: 'printed' };
  }
  const repo = parseRepo(opts.repo) ?? gh.repo;
  if (!repo) throw new UsageError('--repo is missing: pass --repo OWNER/NAME or set GITHUB_REPOSITORY');
  if (!token)
    throw new UsageError('no token: set GITHUB_TOKEN (with pull-requests: write) or pass --dry-run');
  const octokit = (deps.octokit ?? ((t, u) => createOctokit(t, u, { onRetry: (m) => deps.log.info(m) })))(
    token,
    gh.apiUrl,
  );

  const fromEvent = gh.payload.workflow_run
    ? await workflowRunPullRequest(gh, octokit, repo)
    : (gh.pullRequest?.number ?? null);
  if (gh.payload.workflow_run && fromEvent === null && !opts.pr) {
    throw new UsageError(
      'the workflow_run event names no open pull request for its head commit: nothing to comment on (pass --pr N to force)',
    );
  }
  const number = opts.pr ?? fromEvent ?? report.pullRequest?.number ?? null;
  if (!number)
    throw new UsageError('no pull request: pass --pr N, or run in a pull_request or workflow_run workflow');
  const claimed = report.pullRequest?.number;
  if (claimed !== undefined && claimed !== null && claimed !== number) {
    throw new UsageError(
      `--report ${opts.reportPath} is for pull request #${claimed}, not #${number}: refusing to post it`,
    );
  }
  const result = await upsertComment(octokit, repo, number, commentMarker(configKey), body);
  deps.log.info(`pull request #${number}: comment ${result.action}${result.url ? ` (${result.url})` : ''}`);
  return result;
}
