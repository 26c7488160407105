/**
 * Bad input and broken infrastructure on each engine target, through the real CLI: exit 2, one line that
 * names the cause (never a password, never a stack trace), and nothing left behind — no container, no
 * throwaway database.
 *
 * For the docker provider, "unreachable server" is a Docker engine that does not answer, and the wrong
 * password is tried against a server in Docker reached through --url. Docker's own failures (an image that
 * cannot be pulled, a container that never becomes ready) are here too.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cleanup } from '../../../src/databases/cleanup.js';
import { createDockerProvider, type DockerProvider } from '../../../src/databases/docker/index.js';
import { silentLogger } from '../../../src/log.js';
import { FIXTURES, runCli } from '../../helpers/cli.js';
import {
  DOCKER,
  errorLine,
  expectNothingLeft,
  POSTGRES_DOCKER,
  SKIP_REASON,
  TARGETS,
  type Target,
  TEST_IMAGES,
  unavailable,
} from '../../helpers/docker-targets.js';

const CLEAN = path.join(FIXTURES, 'knex-neutral', 'clean', 'migrations');
const DEAD_DOCKER = 'unix:///nonexistent.sock';

/** A server in Docker of the target's engine, for the wrong-password case; started once per target. */
class OwnServer {
  private cleanup = new Cleanup();
  private provider: DockerProvider | null = null;
  url = '';

  async start(engine: 'postgres' | 'mariadb', image: string): Promise<void> {
    this.provider = createDockerProvider(this.cleanup, silentLogger);
    const server = await this.provider.start({ engine, version: null, image }, new AbortController().signal);
    // A database's URL carries the administrator's name, host and port; the password is replaced below.
    const db = await server.createDatabase('password');
    const url = new URL(db.url);
    url.pathname = engine === 'postgres' ? '/postgres' : '/mysql';
    this.url = url.toString();
  }

  /** Its containers are not leftovers of the CLI runs. */
  runIds(): string[] {
    return this.provider ? [this.provider.runId] : [];
  }

  async stop(): Promise<void> {
    expect(await this.cleanup.releaseAll()).toEqual([]);
  }
}

for (const t of TARGETS) {
  describe.skipIf(unavailable(t))(`bad input on ${t.name}${unavailable(t) ? SKIP_REASON : ''}`, () => {
    const own = new OwnServer();
    beforeAll(async () => {
      if (t.provider === 'docker')
        await own.start(t.engine, t === POSTGRES_DOCKER ? TEST_IMAGES.postgres : TEST_IMAGES.mariadb);
    });
    afterAll(() => own.stop());
    beforeEach(() => expectNothingLeft(own.runIds()));
    afterEach(() => expectNothingLeft(own.runIds()));

    it('an unknown engine', async () => {
      const r = await runCli(['check', '--migrations', CLEAN, ...t.args, '--engine', 'oracle:19']);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toContain('--engine oracle:19: unknown engine');
    });

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
      const r = await runCli([
        'check',
        '--migrations',
        CLEAN,
        '--engine',
        t.engine,
        '--provider',
        'url',
        '--url',
        'mysql://root:hunter22@127.0.0.1:1/mysql',
      ]);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toBe(
        'schemagate: nothing is listening at mysql://root:***@127.0.0.1:1/mysql: start the server or fix --url',
      );
      expect(r.stderr + r.stdout).not.toContain('hunter22');
    });

    it('a wrong password', async () => {
      const base = new URL(t.provider === 'docker' ? own.url : t.args[t.args.indexOf('--url') + 1]!);
      base.password = 'wrong-password';
      const r = await runCli([
        'check',
        '--migrations',
        CLEAN,
        '--engine',
        t.engine,
        '--provider',
        'url',
        '--url',
        base.toString(),
      ]);
      expect(r.code).toBe(2);
      const shown = `${base.protocol}//${base.username}:***@${base.host}${base.pathname}`;
      expect(errorLine(r.stderr)).toBe(
        `schemagate: wrong user or password for ${shown}: fix the credentials in --url`,
      );
      expect(r.stderr + r.stdout).not.toContain('wrong-password');
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
