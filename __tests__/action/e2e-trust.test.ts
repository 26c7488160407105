/**
 * The Action's bundle on untrusted input, end to end (dist/index.js against the fake GitHub):
 * `mode: comment` posts from a fork's report and runs nothing from its artifact, and a password that
 * JSON and markdown escape never reaches the comment, the summary, the report or the log.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, ROOT, runStep, type StepResult } from '../helpers/action-step.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { leftoverDatabases } from '../helpers/leftovers.js';
import { readStructure } from '../helpers/markdown-structure.js';
import { echoingMigration, HOSTILE_PASSWORD, passwordForms } from '../helpers/secret-forms.js';
import { PG_URL } from '../helpers/servers.js';

const TOKEN = 'ghs_trustT0kenThatMustNotLeak';
const HEAD = 'd'.repeat(40);
let gh: FakeGitHub;
let dir: string;
let runs = 0;

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run `npm run build` first');
  gh = await new FakeGitHub().start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-e2e-trust-'));
});
afterAll(async () => {
  await gh?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function step(
  workspace: string,
  inputs: Record<string, string>,
  event: object,
  eventName: string,
): Promise<StepResult> {
  const n = ++runs;
  return runStep({
    files: path.join(dir, `run-${n}`),
    apiUrl: gh.url,
    workspace,
    inputs,
    event,
    eventName,
    runId: 7000 + n,
  });
}

/** A `workflow_run` event for a fork's run: GitHub lists no pull request, only the head commit. */
const forkRun = {
  action: 'completed',
  workflow_run: {
    id: 555,
    event: 'pull_request',
    head_sha: HEAD,
    pull_requests: [],
    html_url: 'https://github.com/acme/shop/actions/runs/555',
  },
  repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
};

function forkReport(): string {
  const report = JSON.parse(readFileSync(path.join(ROOT, '__tests__/report/__fixtures__/fail.json'), 'utf8'));
  report.pullRequest = { number: 50, baseRef: 'main', headSha: HEAD };
  return `${JSON.stringify(report, null, 2)}\n`;
}

describe('dist/index.js with mode: comment', () => {
  const empty = () => {
    const ws = path.join(dir, `workspace-${runs + 1}`);
    mkdirSync(ws, { recursive: true });
    return ws;
  };

  it('posts one comment from the report file, on the pull request the event names', async () => {
    gh.pulls.push({ number: 49, head: { sha: 'e'.repeat(40) } }, { number: 50, head: { sha: HEAD } });
    const reports = path.join(dir, 'runner-temp', 'schemagate-reports');
    mkdirSync(reports, { recursive: true });
    writeFileSync(path.join(reports, 'schemagate-report-api_postgres.json'), forkReport());
    const r = await step(
      empty(),
      { mode: 'comment', report: reports, 'github-token': TOKEN },
      forkRun,
      'workflow_run',
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const comments = gh.commentsOn(50);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- schemagate:api:postgres -->\n')).toBe(true);
    expect(comments[0]!.body).toContain('2 of 5 migrations failed');
    expect(comments[0]!.body).toContain('(https://github.com/acme/shop/actions/runs/555)');
    expect(comments[0]!.user.login).toBe('github-actions[bot]');
    expect(r.stdout).toContain('pull request #50: comment created');
    expect(gh.commentsOn(49)).toEqual([]);
  });

  it('runs nothing from the artifact: an .npmrc, a package.json and a schemagate.config.json change nothing', async () => {
    // The worst case: the artifact was downloaded into the workspace, which is also the cwd.
    const hostile = path.join(dir, 'hostile-artifact');
    mkdirSync(hostile, { recursive: true });
    writeFileSync(path.join(hostile, 'schemagate-report-api_postgres.json'), forkReport());
    writeFileSync(
      path.join(hostile, '.npmrc'),
      `registry=${gh.url}/npm-evil/\nnode-options=--require ./pwn.cjs\n`,
    );
    writeFileSync(
      path.join(hostile, 'pwn.cjs'),
      `require('fs').writeFileSync(${JSON.stringify(path.join(hostile, 'PWNED'))}, '1');\n`,
    );
    writeFileSync(
      path.join(hostile, 'package.json'),
      JSON.stringify({
        name: 'schemagate',
        type: 'commonjs',
        bin: { schemagate: 'pwn.cjs' },
        scripts: { preinstall: 'node pwn.cjs', postinstall: 'node pwn.cjs' },
      }),
    );
    writeFileSync(
      path.join(hostile, 'schemagate.config.json'),
      JSON.stringify({ provider: 'nope', engine: 'oracle', 'models-command': 'node pwn.cjs' }),
    );
    const before = gh.requests.length;
    const r = await step(
      hostile,
      { mode: 'comment', report: hostile, 'github-token': TOKEN },
      forkRun,
      'workflow_run',
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // Same report, same comment: it is found again and left as it is.
    expect(r.stdout).toContain('pull request #50: comment unchanged');
    expect(gh.commentsOn(50)).toHaveLength(1);
    const mine = gh.requests.slice(before);
    expect(
      mine.filter((q) => q.method === 'PATCH' || (q.path.includes('/comments') && q.method === 'POST')),
    ).toEqual([]);
    expect(mine.filter((q) => q.path.includes('npm-evil'))).toEqual([]);
    expect(readdirSync(hostile).sort()).toEqual(
      [
        '.npmrc',
        'package.json',
        'pwn.cjs',
        'schemagate-report-api_postgres.json',
        'schemagate.config.json',
      ].sort(),
    );
  });

  it('fails with one line naming the first bad field of a hostile report, and posts nothing', async () => {
    const bad = path.join(dir, 'bad-report.json');
    const report = JSON.parse(forkReport());
    report.engines[0].status = '### pwned <details open> @octocat';
    writeFileSync(bad, JSON.stringify(report));
    const before = gh.requests.length;
    const r = await step(
      empty(),
      { mode: 'comment', report: bad, 'github-token': TOKEN },
      forkRun,
      'workflow_run',
    );
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('report.engines[0].status: expected one of pass, fail');
    expect(errors[0]).not.toContain('pwned');
    expect(gh.requests.slice(before).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});

describe('dist/index.js with a password that JSON and markdown escape', () => {
  it('keeps it out of the comment, the summary, the report and the log, in every form', async () => {
    const workspace = path.join(dir, 'pw-repo');
    mkdirSync(path.join(workspace, 'api/migrations'), { recursive: true });
    writeFileSync(
      path.join(workspace, 'api/migrations/20240101000000_echo.js'),
      echoingMigration(HOSTILE_PASSWORD),
    );
    gh.files.set(43, [{ filename: 'api/migrations/20240101000000_echo.js', status: 'added' }]);
    const url = new URL(PG_URL);
    url.password = encodeURIComponent(HOSTILE_PASSWORD);
    const event = {
      action: 'synchronize',
      number: 43,
      pull_request: {
        number: 43,
        base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'acme/shop' } },
        head: { ref: 'echo', sha: 'a'.repeat(40), repo: { full_name: 'acme/shop' } },
      },
      repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
    };
    const r = await step(
      workspace,
      {
        'working-directory': 'api',
        migrations: 'migrations',
        provider: 'url',
        'database-url': url.toString(),
        'github-token': TOKEN,
        comment: 'true',
      },
      event,
      'pull_request',
    );
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(await leftoverDatabases(PG_URL)).toEqual([]);
    const comment = gh.commentsOn(43)[0]?.body ?? '';
    expect(comment).toContain('invalid input syntax for type integer');
    expect(r.summary).toContain('invalid input syntax for type integer');
    const report = readFileSync(r.outputs.report!, 'utf8');
    const log = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    // What was sent to GitHub, as sent (JSON-escaped in the request body).
    const sent = JSON.stringify(gh.requests.filter((q) => q.method !== 'GET').map((q) => q.body));
    for (const [where, text] of Object.entries({ comment, summary: r.summary, report, log, sent })) {
      for (const form of passwordForms(HOSTILE_PASSWORD))
        expect(text, `${where}: ${form}`).not.toContain(form);
    }
    expect(readStructure(comment).unclosedFences).toBe(0);
  });
});
