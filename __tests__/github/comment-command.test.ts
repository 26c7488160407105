import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { commentFromReport } from '../../src/github/comment-command.js';
import { silentLogger } from '../../src/log.js';
import { Secrets } from '../../src/secrets.js';
import { runCli } from '../helpers/cli.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { readStructure } from '../helpers/markdown-structure.js';

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
const forkRun = {
  workflow_run: {
    event: 'pull_request',
    head_sha: HEAD,
    pull_requests: [],
    html_url: 'https://github.com/acme/shop/actions/runs/777',
  },
};

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the parsed JSON freely
type Json = Record<string, any>;
function rewrite(change: (report: Json) => void): void {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Json;
  change(report);
  writeFileSync(reportPath, JSON.stringify(report));
}
const deps = () => ({ env: env(forkRun), log: silentLogger, secrets: new Secrets() });

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
    await expect(commentFromReport({ reportPath }, deps)).rejects.toThrow(/report\.version: expected 1/);
  });

  it("never edits another author's comment that carries the report's configuration key", async () => {
    // A reviewer's (or a previous attacker's) comment with the marker of the key the report names.
    gh.seedComments(42, 1, () => '<!-- schemagate:victim -->\nwritten by mallory', 'mallory');
    rewrite((r) => {
      r.configKey = 'victim';
    });
    expect((await commentFromReport({ reportPath }, deps())).action).toBe('created');
    const [theirs, ours] = gh.commentsOn(42);
    expect(theirs!.body).toBe('<!-- schemagate:victim -->\nwritten by mallory');
    expect(ours!.body.startsWith('<!-- schemagate:victim -->\n')).toBe(true);
    expect(ours!.user.login).toBe('github-actions[bot]');
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('refuses a configuration key that would break out of the marker, and posts nothing', async () => {
    rewrite((r) => {
      r.configKey = 'x --><img src=x onerror=alert(1)> @octocat <!--';
    });
    const error = await commentFromReport({ reportPath }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/report\.configKey: expected letters, digits/);
    expect((error as Error).message).not.toContain('onerror');
    expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  // Fields a hostile report could use to put markdown, HTML, mentions or links into the comment.
  const hostile = '### pwned\n@octocat [click](https://evil.example) <details open><img src=x>';
  const cases: Array<[string, (r: Json) => void]> = [
    ['report.status', (r) => (r.status = hostile)],
    ['report.version', (r) => (r.version = 2)],
    ['report.engines[0].status', (r) => (r.engines[0].status = hostile)],
    ['report.engines[0].engine', (r) => (r.engines[0].engine = hostile)],
    ['report.engines[0].durationMs', (r) => (r.engines[0].durationMs = hostile)],
    ['report.engines[0].migrations[1].status', (r) => (r.engines[0].migrations[1].status = hostile)],
    [
      'report.engines[0].migrations[1].checks[1].status',
      (r) => (r.engines[0].migrations[1].checks[1].status = hostile),
    ],
    [
      'report.engines[0].migrations[1].checks[1].check',
      (r) => (r.engines[0].migrations[1].checks[1].check = hostile),
    ],
    [
      'report.engines[0].migrations[1].checks[1].differences[0].parent.collection',
      (r) => (r.engines[0].migrations[1].checks[1].differences[0].parent.collection = hostile),
    ],
    ['report.engines[0].migrations[1].sql.up[0]', (r) => (r.engines[0].migrations[1].sql.up[0] = { x: 1 })],
    ['report.engines[0].migrations[1].changed', (r) => (r.engines[0].migrations[1].changed = 'yes')],
    ['report.findings', (r) => (r.findings = hostile)],
    ['report.pullRequest.number', (r) => (r.pullRequest.number = '42')],
  ];
  for (const [where, change] of cases) {
    it(`refuses a report whose ${where} is not what the Report type says`, async () => {
      rewrite(change);
      const error = await commentFromReport({ reportPath }, deps()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain(`${reportPath}: ${where}: expected`);
      expect(message).not.toContain('pwned');
      expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    });
  }

  it('renders every free-text field inert, and links only to the run the event names', async () => {
    rewrite((r) => {
      r.tool = hostile;
      r.engines[0].version = hostile;
      r.engines[0].provider = hostile;
      r.engines[0].migrations[1].name = hostile;
      r.engines[0].migrations[1].file = hostile;
      r.engines[0].migrations[1].checks[1].message = hostile;
      r.engines[0].migrations[1].checks[1].differences[0].object = hostile;
      r.engines[0].migrations[1].checks[1].differences[0].parent.key = hostile;
      r.engines[0].migrations[1].checks[2].error.code = hostile;
      r.findings = [{ kind: hostile, severity: 'error', message: hostile, file: hostile }];
      r.pullRequest.runUrl = 'https://evil.example/phish';
      r.pullRequest.headSha = hostile;
    });
    let body = '';
    await commentFromReport({ reportPath, dryRun: true }, { ...deps(), out: (t: string) => (body += t) });
    const s = readStructure(body);
    expect([s.unclosedFences, s.openDetails, s.strayCloses]).toEqual([0, 0, 0]);
    expect(s.foreignTags).toEqual([]);
    expect(s.mentions).toEqual([]);
    expect(s.raggedRows).toEqual([]);
    expect(s.prose.filter((l) => /^#+ pwned/.test(l))).toEqual([]);
    expect(body).not.toContain('](https://evil.example');
    expect(body).not.toContain('evil.example/phish');
    expect(body).toContain('(https://github.com/acme/shop/actions/runs/777)');
  });

  it('schemagate comment exits 2 with one line naming the bad field', async () => {
    rewrite((r) => {
      r.engines[0].migrations[0].checks[0].status = '<details open>';
    });
    const r = await runCli(['comment', '--report', reportPath, '--dry-run'], { env: env(forkRun) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      'report.engines[0].migrations[0].checks[0].status: expected one of pass, fail, warn, skip',
    );
    expect(lines[0]).not.toContain('<details');
  });
});
