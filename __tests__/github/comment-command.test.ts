import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentFromReport } from '../../src/github/comment-command.js';
import { silentLogger } from '../../src/log.js';
import { Secrets } from '../../src/secrets.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const HEAD = 'c0ffee1234567890abcdef1234567890abcdef12';
let gh: FakeGitHub;
let dir: string;
let reportPath: string;

function env(event: object): Record<string, string> {
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  return {
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: gh.url,
    GITHUB_TOKEN: 'ghs_writeToken',
  };
}

// A pull request from a fork: GitHub lists no pull request on the workflow_run, only the head commit.
const forkRun = { workflow_run: { event: 'pull_request', head_sha: HEAD, pull_requests: [] } };

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-comment-'));
  reportPath = path.join(dir, 'report.json');
  writeFileSync(reportPath, readFileSync(path.join(here, '../report/__fixtures__/fail.json')));
  gh.pulls.push({ number: 41, head: { sha: 'f'.repeat(40) } }, { number: 42, head: { sha: HEAD } });
});
afterEach(async () => {
  await gh.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('commentFromReport', () => {
  it("finds a fork's pull request by its head commit and posts the report's comment, then updates it", async () => {
    const deps = { env: env(forkRun), log: silentLogger, secrets: new Secrets() };
    expect((await commentFromReport({ reportPath }, deps)).action).toBe('created');
    expect((await commentFromReport({ reportPath, configKey: 'api:postgres' }, deps)).action).toBe(
      'unchanged',
    );
    const comments = gh.commentsOn(42);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- schemagate:api:postgres -->')).toBe(true);
    expect(gh.requests.find((r) => r.method === 'POST')?.headers.authorization).toBe('token ghs_writeToken');
  });

  it('refuses a report that claims another pull request', async () => {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    report.pullRequest.number = 41;
    writeFileSync(reportPath, JSON.stringify(report));
    await expect(
      commentFromReport({ reportPath }, { env: env(forkRun), log: silentLogger, secrets: new Secrets() }),
    ).rejects.toThrow(/is for pull request #41, not #42: refusing/);
    expect(gh.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('prints the body on --dry-run and rejects what is not a report', async () => {
    let printed = '';
    const deps = {
      env: env(forkRun),
      log: silentLogger,
      secrets: new Secrets(),
      out: (t: string) => (printed += t),
    };
    expect((await commentFromReport({ reportPath, dryRun: true }, deps)).action).toBe('printed');
    expect(printed).toContain('schemagate: 2 of 5 migrations failed');
    expect(gh.requests).toHaveLength(0);
    writeFileSync(reportPath, '{"hello": 1}');
    await expect(commentFromReport({ reportPath }, deps)).rejects.toThrow(/not a schemagate report/);
  });
});
