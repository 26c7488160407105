/**
 * The config file takes the same keys as the flags, and flags win over it. Errors name the file and
 * the key; --verbose is the only way to see a stack trace.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.js';
import { FIXTURES, runCli } from '../../helpers/cli.js';
import { leftoverDatabases } from '../../helpers/leftovers.js';
import { PG_URL } from '../../helpers/servers.js';

const PROJECT = path.join(FIXTURES, 'knex', 'config-file');
const OUT = path.join(PROJECT, 'out');

describe('schemagate.config.yml', () => {
  afterEach(async () => {
    rmSync(OUT, { recursive: true, force: true });
    expect(await leftoverDatabases(PG_URL)).toEqual([]);
  });

  it('is read from --cwd: its migrations, provider and json path are used', async () => {
    const r = await runCli(['check', '--cwd', PROJECT]);
    expect(r.code).toBe(1); // the fixture's second migration forgets an index
    const report = JSON.parse(readFileSync(path.join(OUT, 'report.json'), 'utf8')) as Report;
    expect(report.engines[0]!.provider).toBe('embedded');
    expect(report.engines[0]!.migrations.map((m) => m.file)).toEqual([
      'db-migrations/001_create_users.js',
      'db-migrations/002_add_nickname_and_lookup.js',
      'db-migrations/003_create_posts.js',
    ]);
  });

  it('flags win over the file', async () => {
    const json = path.join(mkdtempSync(path.join(tmpdir(), 'sg-cfg-')), 'r.json');
    const r = await runCli(['check', '--cwd', PROJECT, '--provider', 'url', '--url', PG_URL, '--json', json]);
    expect(r.code).toBe(1);
    expect(existsSync(path.join(OUT, 'report.json'))).toBe(false);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.engines[0]!.provider).toBe('url');
  });

  it('an unknown key names the file and the key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-cfg-'));
    writeFileSync(
      path.join(dir, 'schemagate.config.json'),
      JSON.stringify({ migrations: 'm', engnie: 'postgres' }),
    );
    const r = await runCli(['check', '--cwd', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("schemagate.config.json: unknown key 'engnie'");
  });
});

describe('--verbose', () => {
  it('adds the stack trace to an error, which is otherwise one line', async () => {
    const args = [
      'check',
      '--cwd',
      path.join(FIXTURES, 'knex', 'syntax-error'),
      '--migrations',
      'migrations',
      '--provider',
      'url',
      '--url',
      PG_URL,
    ];
    const quiet = await runCli(args);
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).not.toMatch(/^\s+at /m);
    const verbose = await runCli([...args, '--verbose']);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  });
});
