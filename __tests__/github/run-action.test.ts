import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Options } from '../../src/config/options.js';
import { createOctokit } from '../../src/github/octokit.js';
import { runAction } from '../../src/github/run-action.js';
import type { Logger } from '../../src/log.js';
import type { Report } from '../../src/report/model.js';
import type { RunResults } from '../../src/report/results.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { RecordingIO } from '../helpers/recording-io.js';
import { resultsOf } from '../helpers/report-results.js';

const TOKEN = 'ghs_s3cr3tT0kenValue';
const PASSWORD = 'p@ss:w/rd%21';
const DB_URL = `postgres://app:${encodeURIComponent(PASSWORD)}@db.internal:5432/postgres`;
const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string): Report => {
  const report = JSON.parse(
    readFileSync(path.join(here, '../report/__fixtures__', `${name}.json`), 'utf8'),
  ) as Report;
  // What the pipeline returns: no pull request facts yet, those are the Action's to add.
  report.findings = [];
  delete report.pullRequest;
  delete report.configKey;
  return report;
};

let gh: FakeGitHub;
let dir: string;
let env: Record<string, string>;
const seen: { options: Options[] } = { options: [] };

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-action-'));
  mkdirSync(path.join(dir, 'work/api'), { recursive: true });
  mkdirSync(path.join(dir, 'runner'));
  const event = path.join(dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      action: 'synchronize',
      number: 42,
      pull_request: {
        number: 42,
        base: { ref: 'main', sha: 'a'.repeat(40), repo: { full_name: 'acme/shop' } },
        head: {
          ref: 'feature',
          sha: 'c0ffee1234567890abcdef1234567890abcdef12',
          repo: { full_name: 'acme/shop' },
        },
      },
      repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
    }),
  );
  env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '8123459001',
    GITHUB_WORKSPACE: path.join(dir, 'work'),
    RUNNER_TEMP: path.join(dir, 'runner'),
  };
  gh.files.set(42, [
    { filename: 'api/migrations/20240110080000_add_user_status.js', status: 'added' },
    { filename: 'api/migrations/20240302081500_add_order_total.js', status: 'added' },
    { filename: 'api/migrations/20240305110000_add_order_notes.js', status: 'added' },
    { filename: 'web/app.ts', status: 'modified' },
  ]);
  seen.options = [];
});

afterEach(async () => {
  await gh.stop();
  rmSync(dir, { recursive: true, force: true });
});

const inputs = (extra: Record<string, string> = {}) => ({
  'working-directory': 'api',
  engines: 'postgres',
  'database-url': DB_URL,
  'github-token': TOKEN,
  comment: 'true',
  'only-changed': 'true',
  ...extra,
});

/** Stands in for the pipeline (tested on its own against real databases); here it also misbehaves by logging secrets. */
function fakeCheck(report: Report) {
  return async (options: Options, log: Logger): Promise<RunResults> => {
    seen.options.push(options);
    log.info(`connecting to ${options.url}`);
    log.debug(`password is ${PASSWORD}`);
    const copy = resultsOf(structuredClone(report));
    copy.engines[0]!.provider = `url ${options.url}`;
    return copy;
  };
}

const run = (io: RecordingIO, report: Report) =>
  runAction({
    io,
    env,
    check: fakeCheck(report),
    octokit: (t, u) => createOctokit(t, u, { retry: { retries: 2, baseMs: 1, maxDelayMs: 100 } }),
  });

describe('runAction', () => {
  it('fails on a failing migration, annotates it, sets outputs, and keeps one comment across runs', async () => {
    const io = new RecordingIO(inputs());
    await run(io, fixture('fail'));
    // Only the migrations the pull request adds get the full round trip.
    expect(seen.options[0]!.onlyChanged).toEqual([
      'migrations/20240110080000_add_user_status.js',
      'migrations/20240302081500_add_order_total.js',
      'migrations/20240305110000_add_order_notes.js',
    ]);
    expect(io.failed).toHaveLength(1);
    expect(io.failed[0]).toMatch(/round-trip failed|up failed/);
    expect(io.outputs.status).toBe('fail');
    expect(JSON.parse(io.outputs['failed-migrations']!)).toEqual([
      '20240110080000_add_user_status.js',
      '20240302081500_add_order_total.js',
    ]);
    expect(io.outputs.drift).toBe('false');
    const report = JSON.parse(readFileSync(io.outputs.report!, 'utf8')) as Report;
    expect(report.pullRequest?.number).toBe(42);
    expect(report.findings.map((f) => f.kind)).toEqual(['out-of-order']);
    const annotated = io.log.filter((l) => l.level === 'error').map((l) => l.props?.file);
    expect(annotated).toContain('api/migrations/20240302081500_add_order_total.js');
    expect(annotated).toContain('api/migrations/20240110080000_add_user_status.js');
    expect(io.summary).toContain('20240302081500_add_order_total.js');

    const comments = gh.commentsOn(42);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- schemagate:api:postgres -->')).toBe(true);

    const again = new RecordingIO(inputs());
    await run(again, fixture('pass'));
    expect(gh.commentsOn(42)).toHaveLength(1);
    expect(gh.commentsOn(42)[0]!.body).toContain('✅ schemagate');
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(again.failed).toEqual([]);
    expect(again.outputs.status).toBe('pass');
  });

  it("leaves the step green when a fork's token may not comment", async () => {
    gh.forbidCommentWrites();
    const io = new RecordingIO(inputs());
    await run(io, fixture('pass'));
    expect(io.failed).toEqual([]);
    expect(
      io.log.some((l) => l.level === 'warning' && /could not comment on pull request #42/.test(l.message)),
    ).toBe(true);
    expect(io.summary).toContain('schemagate');
    expect(io.outputs.status).toBe('pass');
    expect(JSON.parse(readFileSync(io.outputs.report!, 'utf8')).status).toBe('pass');
  });

  it('lets no token, password or URL through to any output', async () => {
    const io = new RecordingIO(inputs());
    await run(io, fixture('fail'));
    const captured = [
      io.everything(),
      readFileSync(io.outputs.report!, 'utf8'),
      ...gh.commentsOn(42).map((c) => c.body),
    ].join('\n');
    for (const secret of [TOKEN, PASSWORD, encodeURIComponent(PASSWORD), DB_URL])
      expect(captured).not.toContain(secret);
    expect(captured).toContain('***');
    // Registered with the runner before anything was logged.
    expect(io.secrets).toEqual(expect.arrayContaining([TOKEN, DB_URL, PASSWORD]));
  });

  it('names the input when one is wrong', async () => {
    const io = new RecordingIO(inputs({ engines: 'postgres, oracle' }));
    await run(io, fixture('pass'));
    expect(io.failed[0]).toMatch(/^schemagate: Input 'engines' has oracle: unknown engine/);
    const io2 = new RecordingIO(inputs({ 'fail-on': 'migration,typo' }));
    await run(io2, fixture('pass'));
    expect(io2.failed[0]).toContain("Input 'fail-on' has an unknown value 'typo'");
    const io3 = new RecordingIO(inputs({ comment: 'maybe' }));
    await run(io3, fixture('pass'));
    expect(io3.failed[0]).toContain("Input 'comment' is 'maybe': expected true or false");
  });

  it('passes with drift reported as a warning when fail-on leaves drift out', async () => {
    const report = fixture('drift');
    report.engines[0]!.drift!.status = 'warn';
    report.engines[0]!.status = 'pass';
    const io = new RecordingIO(inputs({ 'fail-on': 'migration, finding' }));
    await run(io, report);
    expect(seen.options[0]!.drift).toBe('warn');
    expect(seen.options[0]!.irreversible).toBe('all');
    expect(io.failed).toEqual([]);
    expect(io.outputs.drift).toBe('true');
    expect(gh.commentsOn(42)[0]!.body).toContain('passed with warnings');
  });
});
