/**
 * One comment per pull request and configuration, found again by its hidden marker: created on the
 * first run, edited on every later one (an edit notifies nobody), left alone when nothing changed.
 *
 * Only a comment this token's own identity wrote, and whose body starts with the marker, is ever
 * edited. Anyone can type the marker into a comment (or quote ours); editing theirs would put our
 * text under their name. Who the token is: GET /user for a user's token; the Actions GITHUB_TOKEN
 * (an installation token) may not read /user, so GraphQL's `viewer`, which answers for every kind
 * of token (`github-actions[bot]`), as marocchino/sticky-pull-request-comment does. When neither
 * answers, nothing is edited: a new comment is created.
 */
import type { Repo } from './context.js';
import type { Octokit } from './octokit.js';

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string | null;
}

const statusOf = (error: unknown) => (error as { status?: number })?.status;

/** The login the token writes comments as, or null when GitHub will not say. */
export async function tokenLogin(octokit: Octokit): Promise<string | null> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    if (data?.login) return data.login;
  } catch (error) {
    // 403 "Resource not accessible by integration": an installation token. Anything else (an
    // outage that outlived the retries) is not a reason to guess.
    const status = statusOf(error);
    if (status !== 401 && status !== 403 && status !== 404) throw error;
  }
  try {
    const data = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
    return data.viewer?.login ?? null;
  } catch {
    return null;
  }
}

/** REST names a bot `name[bot]`; GraphQL's viewer may or may not carry the suffix. */
function wroteBy(user: { login?: string; type?: string } | null | undefined, login: string): boolean {
  const author = user?.login?.toLowerCase();
  if (!author) return false;
  const me = login.toLowerCase();
  return author === me || (user?.type === 'Bot' && author === `${me}[bot]`);
}

/**
 * The first comment (oldest) that `login` wrote and that starts with the marker, reading the pages
 * only as far as needed.
 */
export async function findComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
  login: string,
): Promise<{ id: number; body: string; url: string | null } | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((c) => wroteBy(c.user, login) && (c.body ?? '').startsWith(marker));
    if (found) return { id: found.id, body: found.body ?? '', url: found.html_url ?? null };
  }
  return null;
}

export async function upsertComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<UpsertResult> {
  const login = await tokenLogin(octokit);
  const existing = login ? await findComment(octokit, repo, issueNumber, marker, login) : null;
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.url };
    const { data } = await octokit.rest.issues.updateComment({
      owner: repo.owner,
      repo: repo.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', id: data.id, url: data.html_url ?? null };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issueNumber,
    body,
  });
  return { action: 'created', id: data.id, url: data.html_url ?? null };
}

/** A 403/404 on writing a comment means the token may not write (a fork's read-only token). */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}
