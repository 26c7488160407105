/**
 * The files a pull request adds, modifies, renames or deletes: from the REST API (paginated, up to
 * GitHub's 3,000 files), or from git when the API is not reachable (`git diff --name-status
 * base...head`, which needs both commits fetched: actions/checkout with `fetch-depth: 0`).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Repo } from './context.js';
import type { Octokit } from './octokit.js';
import type { ChangeStatus, FileChange } from './pr-findings.js';

const STATUSES: readonly ChangeStatus[] = [
  'added',
  'modified',
  'removed',
  'renamed',
  'copied',
  'changed',
  'unchanged',
];

/** Paths relative to the repository root. */
export async function listFilesFromApi(octokit: Octokit, repo: Repo, number: number): Promise<FileChange[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: repo.owner,
    repo: repo.repo,
    pull_number: number,
    per_page: 100,
  });
  return files.map((f) => ({
    path: f.filename,
    status: (STATUSES as readonly string[]).includes(f.status) ? (f.status as ChangeStatus) : 'changed',
    previousPath: f.previous_filename ?? null,
  }));
}

const GIT_STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

/** Parses `git diff --name-status -z` output: `M\0path\0R100\0old\0new\0`. */
export function parseNameStatus(output: string): FileChange[] {
  const fields = output.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    if (code === '') continue;
    const status = GIT_STATUS[code[0]!] ?? 'changed';
    if (status === 'renamed' || status === 'copied') {
      const previousPath = fields[i++] ?? '';
      changes.push({ path: fields[i++] ?? '', status, previousPath });
    } else changes.push({ path: fields[i++] ?? '', status });
  }
  return changes.filter((c) => c.path !== '');
}

export type GitRunner = (args: string[], cwd: string) => Promise<string>;

const run = promisify(execFile);
export const realGit: GitRunner = async (args, cwd) =>
  (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })).stdout;

/** Paths relative to the repository root, like the API's. */
export async function listFilesFromGit(
  cwd: string,
  baseSha: string,
  headSha: string,
  git: GitRunner = realGit,
): Promise<FileChange[]> {
  return parseNameStatus(await git(['diff', '--name-status', '-z', '-M', `${baseSha}...${headSha}`], cwd));
}

/**
 * Repository-relative paths to paths relative to the project (the working directory): files outside
 * it are dropped. `prefix` is the working directory relative to the repository root ('' for the root).
 */
export function toProjectPaths(changes: FileChange[], prefix: string): FileChange[] {
  const clean = prefix.replace(/^\.?\/+|\/+$/g, '');
  const strip = (p: string | null | undefined): string | null => {
    if (p === null || p === undefined) return null;
    if (clean === '' || clean === '.') return p;
    return p.startsWith(`${clean}/`) ? p.slice(clean.length + 1) : null;
  };
  const out: FileChange[] = [];
  for (const c of changes) {
    const path = strip(c.path);
    if (path === null) continue;
    out.push({ ...c, path, previousPath: strip(c.previousPath) });
  }
  return out;
}
