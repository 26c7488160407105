/**
 * What GitHub tells a workflow step about where it runs: the repository, the run, and the pull
 * request from the event payload (GITHUB_EVENT_PATH). Read once, from an environment passed in, so
 * tests hand in their own.
 */
import { readFileSync } from 'node:fs';

export type Env = Record<string, string | undefined>;

export interface Repo {
  owner: string;
  repo: string;
}

export interface PullRequestContext {
  number: number;
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  /** Whether the head lives in another repository (a fork): its token is read-only. */
  fromFork: boolean;
}

export interface GitHubContext {
  eventName: string | null;
  apiUrl: string;
  serverUrl: string;
  repo: Repo | null;
  /** The repository checkout (GITHUB_WORKSPACE); paths in the API are relative to it. */
  workspace: string | null;
  runUrl: string | null;
  pullRequest: PullRequestContext | null;
  /** The raw event payload, for the events that need more (workflow_run). */
  payload: Record<string, unknown>;
}

function readPayload(env: Env, readFile: (file: string) => string): Record<string, unknown> {
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return {};
  try {
    const parsed: unknown = JSON.parse(readFile(file));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    throw new Error(`GITHUB_EVENT_PATH ${file}: cannot read the event payload (${(error as Error).message})`);
  }
}

type Json = Record<string, unknown> | undefined;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The pull request of a `pull_request`/`pull_request_target` payload (or any payload that carries one). */
export function pullRequestFrom(payload: Record<string, unknown>): PullRequestContext | null {
  const pr = obj(payload.pull_request);
  if (!pr || typeof pr.number !== 'number') return null;
  const base = obj(pr.base);
  const head = obj(pr.head);
  const baseRepo = str(obj(base?.repo)?.full_name);
  const headRepo = str(obj(head?.repo)?.full_name);
  return {
    number: pr.number,
    baseRef: str(base?.ref),
    baseSha: str(base?.sha),
    headRef: str(head?.ref),
    headSha: str(head?.sha),
    fromFork: baseRepo !== '' && headRepo !== '' && baseRepo !== headRepo,
  };
}

function repoFrom(env: Env, payload: Record<string, unknown>): Repo | null {
  const full = env.GITHUB_REPOSITORY ?? str(obj(payload.repository)?.full_name);
  const [owner, repo, ...rest] = full.split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : null;
}

export function readGitHubContext(
  env: Env,
  readFile = (file: string) => readFileSync(file, 'utf8'),
): GitHubContext {
  const payload = readPayload(env, readFile);
  const repo = repoFrom(env, payload);
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID;
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
  const runUrl =
    repo && runId
      ? `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}${attempt > 1 ? `/attempts/${attempt}` : ''}`
      : null;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? null,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    repo,
    workspace: env.GITHUB_WORKSPACE ?? null,
    runUrl,
    pullRequest: pullRequestFrom(payload),
    payload,
  };
}
