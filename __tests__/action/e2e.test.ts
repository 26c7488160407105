/**
 * The Action end to end, as GitHub runs it: the committed dist/index.js under node, INPUT_* variables,
 * a pull_request payload at GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the API
 * at a local fake GitHub, and the real local Postgres through `database-url`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIST, ROOT, runStep as runActionStep, type StepResult } from '../helpers/action-step.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { readStructure } from '../helpers/markdown-structure.js';
import { PG_URL } from '../helpers/servers.js';

const TOKEN = 'ghs_e2eT0kenThatMustNotLeak';
// The local Postgres trusts every connection, so any password works, and this one must never be seen.
const PASSWORD = 'e2e-S3cret-pw';
const DB_URL = (() => {
  const u = new URL(PG_URL);
  u.password = PASSWORD;
  return u.toString();
})();

const CREATE_USERS = `exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email').notNullable(); });
exports.down = (knex) => knex.schema.dropTable('users');
`;
const ADD_ORDERS_BROKEN_DOWN = `exports.up = (knex) => knex.schema.createTable('orders', (t) => { t.increments('id'); t.integer('user_id').notNullable(); t.index(['user_id'], 'orders_user_id_idx'); });
// Forgets the table: the round trip must catch it.
exports.down = (knex) => knex.schema.raw('select 1');
`;
const ADD_ORDERS_FIXED = `exports.up = (knex) => knex.schema.createTable('orders', (t) => { t.increments('id'); t.integer('user_id').notNullable(); t.index(['user_id'], 'orders_user_id_idx'); });
exports.down = (knex) => knex.schema.dropTable('orders');
`;

let gh: FakeGitHub;
let dir: string;
let workspace: string;
let runs = 0;

function runStep(
  inputs: Record<string, string>,
  event: object,
  extra: { dist?: string; env?: Record<string, string> } = {},
): Promise<StepResult> {
  const n = ++runs;
  return runActionStep({
    files: path.join(dir, `run-${n}`),
    apiUrl: gh.url,
    workspace,
    inputs,
    event,
    runId: 9000 + n,
    ...extra,
    env: { GITHUB_WORKSPACE: workspace, ...extra.env },
  });
}

const prEvent = (headSha: string) => ({
  action: 'synchronize',
  number: 42,
  pull_request: {
    number: 42,
    base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'acme/shop' } },
    head: { ref: 'add-orders', sha: headSha, repo: { full_name: 'acme/shop' } },
  },
  repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
});

const INPUTS = {
  'working-directory': 'api',
  migrations: 'migrations',
  engines: 'postgres',
  provider: 'url',
  'database-url': DB_URL,
  'github-token': TOKEN,
  comment: 'true',
  'fail-on': '',
  'only-changed': 'true',
};

const results: StepResult[] = [];

/** Everything a user or a log reader could see, minus the runner's own ::add-mask:: commands. */
function visible(r: StepResult): string {
  const log = `${r.stdout}\n${r.stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  const report =
    r.outputs.report && existsSync(r.outputs.report) ? readFileSync(r.outputs.report, 'utf8') : '';
  return [log, JSON.stringify(r.outputs), r.summary, report].join('\n');
}

beforeAll(async () => {
  if (!existsSync(DIST))
    throw new Error(
      'dist/index.js is missing: run `npm run build` first (the Action runs the committed bundle)',
    );
  gh = await new FakeGitHub().start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-e2e-'));
  workspace = path.join(dir, 'repo');
  mkdirSync(path.join(workspace, 'api/migrations'), { recursive: true });
  writeFileSync(path.join(workspace, 'api/migrations/20240101120000_create_users.js'), CREATE_USERS);
  writeFileSync(path.join(workspace, 'api/migrations/20240302081500_add_orders.js'), ADD_ORDERS_BROKEN_DOWN);
  gh.files.set(42, [
    { filename: 'api/migrations/20240302081500_add_orders.js', status: 'added' },
    { filename: 'README.md', status: 'modified' },
  ]);
  gh.seedComments(42, 120);
});

afterAll(async () => {
  await gh?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dist/index.js on a pull request', () => {
  it('fails the step on a broken down, annotates the file, sets the outputs, and creates one comment', async () => {
    const r = await runStep(INPUTS, prEvent('1'.repeat(40)));
    results.push(r);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    // core.error escapes ':' and ',' in properties.
    expect(r.stdout).toMatch(
      /^::error title=schemagate%3A migration 20240302081500_add_orders\S* failed,file=api\/migrations\/20240302081500_add_orders\.js::.*round trip/m,
    );
    expect(r.outputs.status).toBe('fail');
    const failed = JSON.parse(r.outputs['failed-migrations']!) as string[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^20240302081500_add_orders/);
    expect(r.outputs.drift).toBe('false');
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8'));
    expect(report.pullRequest.number).toBe(42);
    expect(r.summary).toContain('20240302081500_add_orders.js');
    const ours = gh.commentsOn(42).filter((c) => c.body.startsWith('<!-- schemagate:api:postgres -->'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('orders_user_id_idx');
    const s = readStructure(ours[0]!.body);
    expect([s.unclosedFences, s.openDetails, s.strayCloses]).toEqual([0, 0, 0]);
  });

  it('updates the same comment on the next push, retrying a 502', async () => {
    writeFileSync(path.join(workspace, 'api/migrations/20240302081500_add_orders.js'), ADD_ORDERS_FIXED);
    gh.fail(
      { method: 'GET', pathIncludes: '/issues/42/comments' },
      { status: 502, body: { message: 'Bad Gateway' } },
    );
    const before = gh.requests.length;
    const r = await runStep(INPUTS, prEvent('2'.repeat(40)));
    results.push(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.status).toBe('pass');
    const ours = gh.commentsOn(42).filter((c) => c.body.startsWith('<!-- schemagate:api:postgres -->'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('✅ schemagate');
    const mine = gh.requests.slice(before);
    expect(mine.filter((q) => q.method === 'PATCH')).toHaveLength(1);
    expect(mine.filter((q) => q.method === 'POST' && q.path.includes('/comments'))).toHaveLength(0);
    expect(r.stdout).toMatch(/answered 502; retrying/);
  });

  it("stays green when a fork's token may not comment, and still writes the summary and report", async () => {
    gh.forbidCommentWrites(1);
    writeFileSync(
      path.join(workspace, 'api/migrations/20240303090000_add_notes.js'),
      ADD_ORDERS_FIXED.replaceAll('orders', 'notes'),
    );
    gh.files.get(42)!.push({ filename: 'api/migrations/20240303090000_add_notes.js', status: 'added' });
    const r = await runStep(INPUTS, prEvent('3'.repeat(40)));
    results.push(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/::warning::could not comment on pull request #42/);
    expect(r.summary).toContain('20240303090000_add_notes.js');
    expect(existsSync(r.outputs.report!)).toBe(true);
  });

  it('shows no token, password or URL anywhere', () => {
    expect(results.length).toBeGreaterThan(0);
    const everything = [...results.map(visible), ...gh.commentsOn(42).map((c) => c.body)].join('\n');
    for (const secret of [TOKEN, PASSWORD, DB_URL]) expect(everything).not.toContain(secret);
    // The masks were registered with the runner.
    expect(results[0]!.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(results[0]!.stdout).toContain(`::add-mask::${PASSWORD}`);
  });
});

describe('dist/index.js on a runner with neither Docker nor a database URL', () => {
  it('fails with one line that says to add a services: container and database-url', async () => {
    // The bundle as GitHub checks it out: dist/ alone, no node_modules anywhere above it, so the
    // embedded Postgres binaries (left out of the bundle) cannot be found either.
    const bare = path.join(dir, 'bare-action');
    cpSync(path.join(ROOT, 'dist'), path.join(bare, 'dist'), { recursive: true });
    writeFileSync(path.join(bare, 'package.json'), JSON.stringify({ type: 'module' }));
    const { provider: _provider, 'database-url': _url, ...inputs } = INPUTS;
    const r = await runStep(inputs, prEvent('4'.repeat(40)), {
      dist: path.join(bare, 'dist', 'index.js'),
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('services: container');
    expect(errors[0]).toContain('database-url');
  });
});

describe('dist/index.js on a large pull request, and on hostile SQL', () => {
  beforeEach(() => gh.clearFailures());

  const pr = (n: number, sha: string) => {
    const base = prEvent(sha);
    return { ...base, number: n, pull_request: { ...base.pull_request, number: n } };
  };

  it('keeps a 300-migration comment under 65,536 characters with every failure, and intact markdown', async () => {
    const migrations = path.join(dir, 'big', 'db', 'migrations');
    mkdirSync(migrations, { recursive: true });
    const broken: string[] = [];
    const files: Array<{ filename: string; status: string }> = [];
    for (let i = 1; i <= 300; i++) {
      const name = `${String(20240101000000 + i)}_step_${i}`;
      const table = `t_${i}`;
      // Every 25th down forgets its table: 12 failures spread over the whole history.
      const forgets = i % 25 === 0;
      if (forgets) broken.push(name);
      const down = forgets ? "(knex) => knex.raw('select 1')" : `(knex) => knex.schema.dropTable('${table}')`;
      writeFileSync(
        path.join(migrations, `${name}.js`),
        `exports.up = (knex) => knex.schema.createTable('${table}', (t) => { t.increments('id'); t.string('label'); });\nexports.down = ${down};\n`,
      );
      files.push({ filename: `big/db/migrations/${name}.js`, status: 'added' });
    }
    gh.files.set(77, files);
    const r = await runStep(
      { ...INPUTS, 'working-directory': 'big', migrations: 'db/migrations' },
      pr(77, '5'.repeat(40)),
      {
        env: { GITHUB_WORKSPACE: dir },
      },
    );
    results.push(r);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const comments = gh.commentsOn(77);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('12 of 300 migrations failed');
    for (const name of broken) expect(body).toContain(name);
    const s = readStructure(body);
    expect([s.unclosedFences, s.openDetails, s.strayCloses]).toEqual([0, 0, 0]);
    expect(s.raggedRows).toEqual([]);
  });

  it('shows hostile SQL verbatim and inert: fences, HTML, </details>, pipes and mentions break nothing', async () => {
    const migrations = path.join(dir, 'hostile', 'migrations');
    mkdirSync(migrations, { recursive: true });
    const upSql =
      'CREATE TABLE "we|ird" ("a|b" text); ' +
      'COMMENT ON TABLE "we|ird" IS \'```</details><script>alert(1)</script> @octocat | x\'';
    // The down forgets nothing but carries its own fence and </details> in a comment.
    const downSql = 'DROP TABLE "we|ird" /* ```` </details> */';
    const name = '20240101000001_hostile';
    writeFileSync(
      path.join(migrations, `${name}.js`),
      `exports.up = (knex) => knex.raw(${JSON.stringify(upSql)});\nexports.down = (knex) => knex.raw(${JSON.stringify(downSql)});\n`,
    );
    gh.files.set(78, [{ filename: `hostile/migrations/${name}.js`, status: 'added' }]);
    const r = await runStep({ ...INPUTS, 'working-directory': 'hostile' }, pr(78, '6'.repeat(40)), {
      env: { GITHUB_WORKSPACE: dir },
    });
    results.push(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const comments = gh.commentsOn(78);
    expect(comments).toHaveLength(1);
    const s = readStructure(comments[0]!.body);
    expect([s.unclosedFences, s.openDetails, s.strayCloses]).toEqual([0, 0, 0]);
    expect(s.foreignTags).toEqual([]);
    expect(s.mentions).toEqual([]);
    expect(s.raggedRows).toEqual([]);
    // The SQL itself is there, byte for byte, inside code blocks.
    expect(s.codeBlocks.join('\n')).toContain(upSql);
    expect(s.codeBlocks.join('\n')).toContain(downSql);
  });
});
