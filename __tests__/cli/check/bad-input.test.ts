/**
 * Bad input and broken infrastructure through the real CLI, on every target of helpers/targets.ts:
 * exit 2 and one line that names the cause (the file, the flag, the server), never a password, never a
 * stack trace, and nothing left behind: no container, no throwaway database, no embedded server.
 *
 * What "unreachable" and "a password" mean depends on the provider: for --url it is the server at the
 * URL (the local MariaDB has a password-less root, the local Postgres trusts everyone, so Postgres's
 * password cases run against a server started with one, helpers/password-postgres.ts); for docker,
 * "unreachable" is a Docker engine that does not answer, and the passwords are tried against a server
 * in Docker reached through --url. An embedded Postgres has neither. Docker's own failures (an image
 * that cannot be pulled, a container that never becomes ready) are here too.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cleanup } from '../../../src/databases/cleanup.js';
import { createDockerProvider, type DockerProvider } from '../../../src/databases/docker/index.js';
import { silentLogger } from '../../../src/log.js';
import { errorLine, FIXTURES, runCli } from '../../helpers/cli.js';
import { DOCKER, SKIP_REASON, TEST_IMAGES } from '../../helpers/docker.js';
import { expectNothingLeft } from '../../helpers/leftovers.js';
import { type PasswordServer, startPasswordPostgres } from '../../helpers/password-postgres.js';
import { MYSQL_URL, PG_URL } from '../../helpers/servers.js';
import { skipReason, TARGETS, type Target, unavailable } from '../../helpers/targets.js';

const KNEX = path.join(FIXTURES, 'knex');
const CLEAN = path.join(FIXTURES, 'knex-neutral', 'clean', 'migrations');
const DEAD_DOCKER = 'unix:///nonexistent.sock';
const url = ['--provider', 'url', '--url', PG_URL];

/** `check` of a knex fixture project (its migrations/ folder) on the target. */
const checkKnexFixture = (name: string, t: Target) =>
  runCli(['check', '--cwd', path.join(KNEX, name), '--migrations', 'migrations', ...t.args]);

/** `check` of the clean history on the server at `at`, as `engine`, with more arguments after. */
const checkAtUrl = (engine: string, at: string, ...more: string[]) =>
  runCli(['check', '--migrations', CLEAN, '--engine', engine, '--provider', 'url', '--url', at, ...more]);

/**
 * A server that asks for a password, of the target's engine, reached through --url: in Docker for the
 * docker targets, a Postgres started with a password for the Postgres URL target, the local MariaDB
 * (root, no password) for the MariaDB one. Its containers are not leftovers of the CLI runs.
 */
class PasswordTarget {
  private cleanup = new Cleanup();
  private provider: DockerProvider | null = null;
  private pg: PasswordServer | null = null;
  /** Its URL with the right password (none for the local MariaDB). */
  url = '';

  async start(t: Target): Promise<void> {
    if (t.provider === 'url') {
      if (t.engine === 'mariadb') {
        this.url = MYSQL_URL;
        return;
      }
      this.pg = await startPasswordPostgres('right-password');
      this.url = this.pg.url;
      return;
    }
    this.provider = createDockerProvider(this.cleanup, silentLogger);
    const image = t.engine === 'postgres' ? TEST_IMAGES.postgres : TEST_IMAGES.mariadb;
    const server = await this.provider.start(
      { engine: t.engine, version: null, image },
      new AbortController().signal,
    );
    // A database's URL carries the administrator's name, password, host and port.
    const db = await server.createDatabase('password');
    const at = new URL(db.url);
    at.pathname = t.engine === 'postgres' ? '/postgres' : '/mysql';
    this.url = at.toString();
  }

  runIds(): string[] {
    return this.provider ? [this.provider.runId] : [];
  }

  async stop(): Promise<void> {
    await this.pg?.stop();
    expect(await this.cleanup.releaseAll()).toEqual([]);
  }
}

/** Where nothing listens, for a URL target's engine, with a password that must never be printed. */
const NOWHERE = {
  postgres: 'postgres://postgres:hunter22@127.0.0.1:1/postgres',
  mariadb: 'mysql://root:hunter22@127.0.0.1:1/mysql',
};

for (const t of TARGETS) {
  describe.skipIf(unavailable(t))(`bad input on ${t.name}${skipReason(t)}`, () => {
    const server = new PasswordTarget();
    beforeAll(async () => {
      if (t.provider !== 'embedded') await server.start(t);
    });
    afterAll(() => server.stop());
    beforeEach(() => expectNothingLeft(server.runIds()));
    afterEach(() => expectNothingLeft(server.runIds()));

    it('a missing migrations folder', async () => {
      const r = await runCli(['check', '--migrations', path.join(KNEX, 'nope'), ...t.args]);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toMatch(/migrations folder .*nope does not exist/);
    });

    it('a folder with no migrations', async () => {
      const r = await checkKnexFixture('no-migrations', t);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toContain('no migrations in migrations');
    });

    it('a migration file that does not load: exit 2 names it, after stopping what it started', async () => {
      // The servers start while the migrations are read, so a container is already on its way here.
      const r = await checkKnexFixture('syntax-error', t);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toContain('migrations/002_broken.js');
      if (t.provider === 'docker') expect(r.stderr).toContain(`starting ${t.engine} container`);
    });

    it('an unknown engine', async () => {
      const r = await runCli(['check', '--migrations', CLEAN, ...t.args, '--engine', 'oracle:19']);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toContain('--engine oracle:19: unknown engine');
    });

    if (t.provider !== 'embedded')
      it('an unreachable server', async () => {
        if (t.provider === 'docker') {
          const r = await runCli(['check', '--migrations', CLEAN, ...t.args], {
            env: { DOCKER_HOST: DEAD_DOCKER },
          });
          expect(r.code).toBe(2);
          expect(errorLine(r.stderr)).toBe(
            `schemagate: Docker is not reachable at ${DEAD_DOCKER}: start Docker or use --provider embedded / --url`,
          );
          return;
        }
        const nowhere = NOWHERE[t.engine];
        const r = await checkAtUrl(t.engine, nowhere);
        expect(r.code).toBe(2);
        expect(errorLine(r.stderr)).toBe(
          `schemagate: nothing is listening at ${nowhere.replace('hunter22', '***')}: start the server or fix --url`,
        );
        expect(r.stderr + r.stdout).not.toContain('hunter22');
      });

    if (t.provider !== 'embedded')
      it('a wrong password', async () => {
        const base = new URL(server.url);
        base.password = 'wrong-password';
        const r = await checkAtUrl(t.engine, base.toString());
        expect(r.code).toBe(2);
        const shown = `${base.protocol}//${base.username}:***@${base.host}${base.pathname}`;
        expect(errorLine(r.stderr)).toBe(
          `schemagate: wrong user or password for ${shown}: fix the credentials in --url`,
        );
        expect(r.stderr + r.stdout).not.toContain('wrong-password');
      });

    // The local MariaDB's root has no password to keep quiet; an embedded server has no URL.
    if (t.provider === 'docker' || (t.provider === 'url' && t.engine === 'postgres'))
      it('the right password works and is never printed', async () => {
        const password = decodeURIComponent(new URL(server.url).password);
        expect(password).not.toBe('');
        const r = await checkAtUrl(t.engine, server.url, '--verbose');
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr + r.stdout).not.toContain(password);
      });

    if (t.provider === 'docker') dockerFailures(t);
  });
}

/** What only the docker provider can run into. */
function dockerFailures(t: Target): void {
  const image = (value: string) => {
    const args = [...t.args];
    args[args.indexOf('--image') + 1] = `${t.engine}=${value}`;
    return args;
  };

  it('an image that cannot be pulled', async () => {
    const missing = `schemagate-test.invalid/nothing-here/${t.engine}:1`;
    const r = await runCli(['check', '--migrations', CLEAN, ...image(missing)]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(
      new RegExp(
        `^schemagate: image ${missing.replaceAll('.', '\\.')} could not be pulled: .+; use --image ${t.engine}=IMAGE to point to a mirror or a private registry$`,
      ),
    );
  });

  it('a container that never becomes ready, within --timeout', async () => {
    const r = await runCli([
      'check',
      '--migrations',
      CLEAN,
      ...image(TEST_IMAGES.neverReady),
      '--timeout',
      '6',
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      'schemagate: timed out after 6 s: raise --timeout or look for a migration that hangs',
    );
    // Which container the time went to.
    expect(r.stderr).toMatch(
      new RegExp(
        `warning: container ${TEST_IMAGES.neverReady.replaceAll('.', '\\.')} \\(${t.engine}\\) was still not ready after \\d+ s when the run timed out, and was removed`,
      ),
    );
  });
}

/** Input refused before any server is asked for: the same on every target. */
describe('bad input, whatever the target', () => {
  afterEach(() => expectNothingLeft());

  it('an unknown flag', async () => {
    const r = await runCli(['check', '--migratoins', 'x']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain("'--migratoins'");
  });

  it.each(['0', '9', '1.5', 'many'])('--lanes %s', async (lanes) => {
    const r = await runCli([
      'check',
      '--migrations',
      path.join(FIXTURES, 'knex-neutral', 'forgot-index', 'migrations'),
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
      '--migrations',
      CLEAN,
      '--provider',
      'url',
      '--url',
      'postgres//sekrit@@:nope',
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain('--url is not a valid URL');
    expect(r.stderr).not.toContain('sekrit');
  });
});

describe.skipIf(!DOCKER)(`one engine fails to start while another starts${SKIP_REASON}`, () => {
  beforeEach(() => expectNothingLeft());
  afterEach(() => expectNothingLeft());

  it('an image that cannot be pulled: exit 2 names it, and the other engine leaves nothing either', async () => {
    const missing = 'schemagate-test.invalid/nothing-here/postgres:1';
    const r = await runCli([
      'check',
      '--migrations',
      CLEAN,
      '--provider',
      'docker',
      '--engine',
      'mariadb',
      '--image',
      `mariadb=${TEST_IMAGES.mariadb}`,
      '--engine',
      'postgres',
      '--image',
      `postgres=${missing}`,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toContain(`image ${missing} could not be pulled`);
  });

  it('a container that quits while starting: exit 2 with its exit code, and the other container is removed', async () => {
    // A Postgres image started as MariaDB gets MariaDB's variables and flags, and quits; the Postgres
    // container beside it is starting or running by then, and must go too.
    const r = await runCli([
      'check',
      '--migrations',
      CLEAN,
      '--provider',
      'docker',
      '--engine',
      'postgres',
      '--image',
      `postgres=${TEST_IMAGES.postgres}`,
      '--engine',
      'mariadb',
      '--image',
      `mariadb=${TEST_IMAGES.postgres}`,
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(
      /^schemagate: container \S+ \(mariadb\) exited with code \d+ during start-up .*: check that /,
    );
    expect(r.stderr).toContain('starting postgres container');
  });
});
