/**
 * Bad input ends with exit 2 and one clear line that names the file or flag, never a stack trace
 * (unless --verbose), and leaves nothing behind.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../../helpers/cli.js';
import { embeddedDataDirs, embeddedProcesses, throwawayDatabases } from '../../helpers/leftovers.js';
import { type PasswordServer, startPasswordPostgres } from '../../helpers/password-postgres.js';
import { PG_URL } from '../../helpers/servers.js';

const KNEX = path.join(FIXTURES, 'knex');
const url = ['--provider', 'url', '--url', PG_URL];

/** The one line schemagate printed as its error. */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('schemagate: '));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('bad input', () => {
  afterEach(async () => {
    expect(await throwawayDatabases(PG_URL)).toEqual([]);
    expect(embeddedProcesses()).toEqual([]);
    expect(embeddedDataDirs()).toEqual([]);
  });

  it('a missing migrations folder', async () => {
    const r = await runCli(['check', '--migrations', path.join(KNEX, 'nope'), ...url]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/migrations folder .*nope does not exist/);
  });

  it('a folder with no migrations', async () => {
    const r = await runCli([
      'check',
      '--cwd',
      path.join(KNEX, 'no-migrations'),
      '--migrations',
      'migrations',
      ...url,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('no migrations in migrations');
  });

  it('a syntax error in a migration file names the file', async () => {
    const r = await runCli([
      'check',
      '--cwd',
      path.join(KNEX, 'syntax-error'),
      '--migrations',
      'migrations',
      '--provider',
      'embedded',
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('migrations/002_broken.js');
  });

  it('an unknown engine', async () => {
    const r = await runCli(['check', '--engine', 'oracle:19', ...url]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('--engine oracle:19: unknown engine');
  });

  it('an unknown flag', async () => {
    const r = await runCli(['check', '--migratoins', 'x']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain("'--migratoins'");
  });

  it.each(['0', '9', '1.5', 'many'])('--lanes %s', async (lanes) => {
    const r = await runCli([
      'check',
      '--migrations',
      path.join(KNEX, 'forgot-index', 'migrations'),
      '--lanes',
      lanes,
      ...url,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(
      `--lanes is '${lanes}': expected auto or a whole number from 1 to 8`,
    );
  });

  it('a malformed URL, without echoing it', async () => {
    const r = await runCli([
      'check',
      '--cwd',
      path.join(FIXTURES, '..', '..', 'examples', 'knex-basic'),
      '--provider',
      'url',
      '--url',
      'postgres//sekrit@@:nope',
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('--url is not a valid URL');
    expect(r.stderr).not.toContain('sekrit');
  });

  it('an unreachable server', async () => {
    const r = await runCli([
      'check',
      '--cwd',
      path.join(FIXTURES, '..', '..', 'examples', 'knex-basic'),
      '--provider',
      'url',
      '--url',
      'postgres://postgres:hunter22@127.0.0.1:1/postgres',
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(
      'nothing is listening at postgres://postgres:***@127.0.0.1:1/postgres',
    );
    expect(r.stderr).not.toContain('hunter22');
  });

  describe('a server that wants a password', () => {
    let server: PasswordServer;
    beforeAll(async () => {
      server = await startPasswordPostgres('right-password');
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('a wrong password', async () => {
      const bad = server.url.replace('right-password', 'wrong-password');
      const r = await runCli([
        'check',
        '--cwd',
        path.join(FIXTURES, '..', '..', 'examples', 'knex-basic'),
        '--provider',
        'url',
        '--url',
        bad,
      ]);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toMatch(
        /wrong user or password for postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres/,
      );
      expect(r.stderr + r.stdout).not.toContain('wrong-password');
    });

    it('the right password works and is never printed', async () => {
      const r = await runCli([
        'check',
        '--cwd',
        path.join(FIXTURES, '..', '..', 'examples', 'knex-basic'),
        '--provider',
        'url',
        '--url',
        server.url,
        '--verbose',
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr + r.stdout).not.toContain('right-password');
    });
  });
});
