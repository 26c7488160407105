/**
 * One comment per pull request and configuration, found again by its hidden marker: created on the
 * first run, edited on every later one (an edit notifies nobody), left alone when nothing changed.
 */
import type { Repo } from './context.js';
import type { Octokit } from './octokit.js';

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string | null;
}

/** The first comment (oldest) whose body carries the marker, reading the pages only as far as needed. */
export async function findComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
): Promise<{ id: number; body: string; url: string | null } | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((c) => c.body?.includes(marker));
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
  const existing = await findComment(octokit, repo, issueNumber, marker);
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
  const status = (error as { status?: number })?.status;
  return status === 403 || status === 404;
}
