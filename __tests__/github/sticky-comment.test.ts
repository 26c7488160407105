import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/octokit.js';
import { listFilesFromApi } from '../../src/github/pr-files.js';
import { isPermissionError, upsertComment } from '../../src/github/sticky-comment.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const repo = { owner: 'acme', repo: 'shop' };
const marker = '<!-- schemagate:api:postgres -->';
let gh: FakeGitHub;
const retries: string[] = [];
const octokit = () =>
  createOctokit('ghs_faketoken', gh.url, {
    retry: { retries: 3, baseMs: 1, maxDelayMs: 5_000 },
    onRetry: (m) => retries.push(m),
  });

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  retries.length = 0;
});
afterEach(async () => {
  await gh.stop();
});

describe('upsertComment', () => {
  it('creates the comment once, then updates it, past pages of other comments', async () => {
    gh.seedComments(7, 150);
    const first = await upsertComment(octokit(), repo, 7, marker, `${marker}\nfirst`);
    expect(first.action).toBe('created');
    const second = await upsertComment(octokit(), repo, 7, marker, `${marker}\nsecond`);
    expect(second.action).toBe('updated');
    expect(second.id).toBe(first.id);
    const ours = gh.commentsOn(7).filter((c) => c.body.includes(marker));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toBe(`${marker}\nsecond`);
    // The list was read page by page (150 others: two pages of 100).
    expect(gh.requests.filter((r) => r.method === 'GET' && r.path.includes('page=2')).length).toBeGreaterThan(
      0,
    );
    expect(gh.requests.every((r) => r.headers.authorization === 'token ghs_faketoken')).toBe(true);
  });

  it('does not touch a comment whose body is already right', async () => {
    await upsertComment(octokit(), repo, 7, marker, `${marker}\nsame`);
    const again = await upsertComment(octokit(), repo, 7, marker, `${marker}\nsame`);
    expect(again.action).toBe('unchanged');
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('keeps one comment per configuration key', async () => {
    await upsertComment(octokit(), repo, 7, marker, `${marker}\nA`);
    await upsertComment(
      octokit(),
      repo,
      7,
      '<!-- schemagate:api:mariadb -->',
      '<!-- schemagate:api:mariadb -->\nB',
    );
    expect(gh.commentsOn(7)).toHaveLength(2);
  });

  it('leaves a comment with the same marker by someone else alone, and creates its own', async () => {
    // Anyone can write our marker into a comment; editing theirs would put our text under their name.
    gh.seedComments(7, 1, () => `${marker}\nforged by a reviewer`, 'mallory');
    const first = await upsertComment(octokit(), repo, 7, marker, `${marker}\nours`);
    expect(first.action).toBe('created');
    const second = await upsertComment(octokit(), repo, 7, marker, `${marker}\nours again`);
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    const [theirs, ours] = gh.commentsOn(7);
    expect(theirs!.body).toBe(`${marker}\nforged by a reviewer`);
    expect(ours!.body).toBe(`${marker}\nours again`);
    // The Actions token cannot read /user; GraphQL's viewer names it.
    expect(gh.requests.some((r) => r.method === 'POST' && r.path === '/graphql')).toBe(true);
  });

  it('leaves a comment of its own bot that only quotes the marker alone', async () => {
    // Another workflow's bot comment (same github-actions[bot]) that quotes a user's text.
    gh.seedComments(7, 1, () => `> ${marker}\nquoted`, 'github-actions[bot]');
    expect((await upsertComment(octokit(), repo, 7, marker, `${marker}\nours`)).action).toBe('created');
    expect(gh.commentsOn(7)[0]!.body).toBe(`> ${marker}\nquoted`);
  });

  it("with a user's token, edits only that user's comment (GET /user)", async () => {
    gh.users.set('ghp_alicetoken', 'alice');
    const alice = createOctokit('ghp_alicetoken', gh.url, {
      retry: { retries: 0, baseMs: 1, maxDelayMs: 1 },
    });
    gh.seedComments(7, 1, () => `${marker}\nby the bot`, 'github-actions[bot]');
    gh.seedComments(7, 1, () => `${marker}\nby alice`, 'alice');
    const result = await upsertComment(alice, repo, 7, marker, `${marker}\nalice again`);
    expect(result.action).toBe('updated');
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nby the bot`, `${marker}\nalice again`]);
    expect(gh.requests.some((r) => r.method === 'GET' && r.path === '/user')).toBe(true);
  });

  it('retries a 502 and succeeds', async () => {
    gh.fail({ method: 'POST', pathIncludes: '/comments' }, { status: 502, body: { message: 'Bad Gateway' } });
    const result = await upsertComment(octokit(), repo, 7, marker, `${marker}\nx`);
    expect(result.action).toBe('created');
    expect(gh.commentsOn(7)).toHaveLength(1);
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.includes('/comments'))).toHaveLength(2);
    expect(retries[0]).toMatch(/answered 502; retrying/);
  });

  it('waits out a secondary rate limit (403 with retry-after)', async () => {
    gh.fail(
      { method: 'GET', pathIncludes: '/comments' },
      {
        status: 403,
        headers: { 'retry-after': '0' },
        body: { message: 'You have exceeded a secondary rate limit' },
      },
    );
    gh.fail({ method: 'GET', pathIncludes: '/comments' }, { status: 429, headers: { 'retry-after': '0' } });
    expect((await upsertComment(octokit(), repo, 7, marker, `${marker}\nx`)).action).toBe('created');
    expect(retries).toHaveLength(2);
  });

  it('gives up after a bounded number of retries', async () => {
    gh.fail({ method: 'GET', pathIncludes: '/comments' }, { status: 503 }, 10);
    await expect(upsertComment(octokit(), repo, 7, marker, 'x')).rejects.toMatchObject({ status: 503 });
    expect(gh.requests.filter((r) => r.path.includes('/comments'))).toHaveLength(4);
  });

  it("does not retry a fork's 403, and reports it as a permission error", async () => {
    gh.forbidCommentWrites();
    const error = await upsertComment(octokit(), repo, 7, marker, 'x').catch((e: unknown) => e);
    expect(isPermissionError(error)).toBe(true);
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.includes('/comments'))).toHaveLength(1);
  });
});

describe('listFilesFromApi', () => {
  it('reads every page of the pull request files', async () => {
    gh.files.set(
      9,
      Array.from({ length: 250 }, (_, i) => ({
        filename: `api/migrations/${String(i).padStart(3, '0')}.sql`,
        status: 'added',
      })),
    );
    gh.files.get(9)!.push({
      filename: 'api/migrations/new.sql',
      status: 'renamed',
      previous_filename: 'api/migrations/old.sql',
    });
    const files = await listFilesFromApi(octokit(), repo, 9);
    expect(files).toHaveLength(251);
    expect(files.at(-1)).toEqual({
      path: 'api/migrations/new.sql',
      status: 'renamed',
      previousPath: 'api/migrations/old.sql',
    });
  });
});
