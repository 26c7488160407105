/**
 * A CI matrix end to end, as GitHub runs it (the bundle under node, INPUT_* variables, the API at a
 * local fake GitHub): three legs (Postgres in two shards, MariaDB) run `mode: check` with
 * `comment: false`, their report files are put in one folder (what actions/download-artifact with
 * merge-multiple does), and a final step with `mode: merge` posts one comment with one verdict.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { DIST, runStep, type StepResult } from '../helpers/action-step.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { leftoverDatabases } from '../helpers/leftovers.js';
import { MYSQL_URL, PG_URL } from '../helpers/servers.js';

const TOKEN = 'ghs_mergeT0kenThatMustNotLeak';
const CREATE_USERS = `exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email').notNullable(); });
exports.down = (knex) => knex.schema.dropTable('users');
`;
const ADD_ORDERS_BROKEN_DOWN = `exports.up = (knex) => knex.schema.createTable('orders', (t) => { t.increments('id'); t.integer('user_id').notNullable(); });
// Forgets the table: the round trip must catch it, on every engine.
exports.down = (knex) => knex.schema.raw('select 1');
`;

const prEvent = {
  action: 'synchronize',
  number: 42,
  pull_request: {
    number: 42,
    base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'acme/shop' } },
    head: { ref: 'add-orders', sha: 'e'.repeat(40), repo: { full_name: 'acme/shop' } },
  },
  repository: { full_name: 'acme/shop', name: 'shop', owner: { login: 'acme' } },
};

let gh: FakeGitHub;
let dir: string;
let workspace: string;
let runs = 0;

function step(inputs: Record<string, string>): Promise<StepResult> {
  const n = ++runs;
  return runStep({
    files: path.join(dir, `run-${n}`),
    apiUrl: gh.url,
    workspace,
    inputs: { 'github-token': TOKEN, ...inputs },
    event: prEvent,
    runId: 6000 + n,
  });
}

const leg = (engines: string, url: string, shard = '') =>
  step({
    'working-directory': 'api',
    migrations: 'migrations',
    engines,
    provider: 'url',
    'database-url': url,
    comment: 'false',
    shard,
  });

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run `npm run build` first');
  gh = await new FakeGitHub().start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-e2e-merge-'));
  workspace = path.join(dir, 'repo');
  mkdirSync(path.join(workspace, 'api/migrations'), { recursive: true });
  writeFileSync(path.join(workspace, 'api/migrations/20240101120000_create_users.js'), CREATE_USERS);
  writeFileSync(path.join(workspace, 'api/migrations/20240302081500_add_orders.js'), ADD_ORDERS_BROKEN_DOWN);
  gh.files.set(42, [{ filename: 'api/migrations/20240302081500_add_orders.js', status: 'added' }]);
});

afterAll(async () => {
  await gh?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a 3-leg matrix and mode: merge', () => {
  it('posts one comment with one verdict across the engines and shards', async () => {
    const legs = [
      await leg('postgres', PG_URL, '1/2'),
      await leg('postgres', PG_URL, '2/2'),
      await leg('mariadb', MYSQL_URL),
    ];
    // The shard 1 leg has only the migration that passes; the others fail.
    expect(legs.map((l) => l.outputs.status)).toEqual(['pass', 'fail', 'fail']);
    // No leg commented: comment is false on the legs.
    expect(gh.commentsOn(42)).toEqual([]);

    // What actions/download-artifact with merge-multiple: true leaves: the files side by side.
    const downloaded = path.join(dir, 'downloaded');
    mkdirSync(downloaded);
    for (const l of legs)
      copyFileSync(l.outputs.report!, path.join(downloaded, path.basename(l.outputs.report!)));
    expect(new Set(legs.map((l) => path.basename(l.outputs.report!))).size).toBe(3);

    const merged = await step({ mode: 'merge', report: downloaded });
    expect(merged.code).not.toBe(0);
    expect(merged.stdout).toContain('round-trip failed on mariadb');
    expect(merged.outputs.status).toBe('fail');
    expect(JSON.parse(merged.outputs['failed-migrations']!)).toEqual(['20240302081500_add_orders.js']);

    const report = JSON.parse(readFileSync(merged.outputs.report!, 'utf8')) as Report;
    expect(report.engines.map((e) => [e.engine, e.migrations.map((m) => m.status)])).toEqual([
      ['mariadb', ['pass', 'fail']],
      ['postgres', ['pass', 'fail']],
    ]);

    const comments = gh.commentsOn(42);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain('<!-- schemagate:api:merged -->');
    expect(body).toMatch(/mariadb [\d.]+/);
    expect(body).toMatch(/postgres [\d.]+/);
    expect(body).toContain('Workflow run');
    expect(merged.summary).toContain('20240302081500_add_orders');
    // Everything a reader sees, minus the runner's own ::add-mask:: commands.
    const all = [merged.stdout, merged.stderr, merged.summary, body, ...legs.map((l) => l.stdout)]
      .join('\n')
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(all).not.toContain(TOKEN);

    // The next push: the same comment is updated, not a second one posted.
    const again = await step({ mode: 'merge', report: downloaded });
    expect(again.outputs.status).toBe('fail');
    expect(gh.commentsOn(42)).toHaveLength(1);
    expect(await leftoverDatabases(PG_URL)).toEqual([]);
  });
});
