import { describe, expect, it } from 'vitest';
import { Cleanup } from '../../../src/databases/cleanup.js';
import { countContainers, createDockerProvider } from '../../../src/databases/docker/index.js';
import { AbortedError, InfraError } from '../../../src/errors.js';
import { DOCKER, NEVER, recordingLogger, SKIP_REASON, TEST_IMAGES } from '../../helpers/docker.js';

/** Runs `start` and returns what it threw (failing the test if it did not throw). */
async function failure(start: () => Promise<unknown>): Promise<Error> {
  try {
    await start();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the start to fail');
}

function expectOneLine(error: Error): void {
  expect(error.message).not.toContain('\n');
  expect(error.message.length).toBeGreaterThan(20);
}

/** Resolves once a container of the run exists (created or running). */
async function containerAppears(runId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await countContainers(runId)) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no container of run ${runId} appeared`);
}

describe.skipIf(!DOCKER)(`docker provider failures${SKIP_REASON}`, () => {
  it('an image that cannot be pulled is a one-line InfraError that points to --image, and starts nothing', async () => {
    const cleanup = new Cleanup();
    const provider = createDockerProvider(cleanup, recordingLogger());
    const image = 'schemagate-test.invalid/nothing-here/postgres:16';
    const error = await failure(() => provider.start({ engine: 'postgres', version: '16', image }, NEVER));
    expect(error).toBeInstanceOf(InfraError);
    expect((error as InfraError).exitCode).toBe(2);
    expect(error.message).toMatch(
      /^image schemagate-test\.invalid\/nothing-here\/postgres:16 could not be pulled: .+; use --image postgres=IMAGE to point to a mirror/,
    );
    expectOneLine(error);
    expect(await countContainers(provider.runId)).toBe(0);
    expect(cleanup.size).toBe(0);
  });

  it('a container that never becomes ready fails after the start-up timeout, says which image, and is removed', async () => {
    const cleanup = new Cleanup();
    const provider = createDockerProvider(cleanup, recordingLogger(), { startupTimeoutMs: 3_000 });
    const image = TEST_IMAGES.neverReady;
    const error = await failure(() => provider.start({ engine: 'postgres', version: null, image }, NEVER));
    expect(error).toBeInstanceOf(InfraError);
    expect(error.message).toContain(`container ${image} (postgres) did not become ready within 3 s`);
    expect(error.message).toContain('check that');
    expectOneLine(error);
    expect(await countContainers(provider.runId)).toBe(0);
    expect(cleanup.size).toBe(0);
  });

  it('a container that exits while starting fails at once with its exit code and last log line', async () => {
    const cleanup = new Cleanup();
    // A long timeout: only the watchdog can make this fail with "exited".
    const provider = createDockerProvider(cleanup, recordingLogger(), { startupTimeoutMs: 110_000 });
    // A Postgres image started as MariaDB gets MariaDB's variables and flags, and quits.
    const image = TEST_IMAGES.postgres;
    const error = await failure(() => provider.start({ engine: 'mariadb', version: null, image }, NEVER));
    expect(error).toBeInstanceOf(InfraError);
    expect(error.message).toMatch(
      new RegExp(
        `^container ${image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(mariadb\\) exited with code \\d+ during start-up \\(last log line: ".+"\\): check that`,
      ),
    );
    expectOneLine(error);
    expect(await countContainers(provider.runId)).toBe(0);
  });

  it('aborting the signal while a container starts removes it and ends in AbortedError', async () => {
    const cleanup = new Cleanup();
    const provider = createDockerProvider(cleanup, recordingLogger(), { startupTimeoutMs: 110_000 });
    const controller = new AbortController();
    const starting = failure(() =>
      provider.start({ engine: 'postgres', version: null, image: TEST_IMAGES.neverReady }, controller.signal),
    );
    await containerAppears(provider.runId);
    controller.abort();
    const error = await starting;
    expect(error).toBeInstanceOf(AbortedError);
    expect(await countContainers(provider.runId)).toBe(0);
    expect(cleanup.size).toBe(0);
  });

  it('releasing the Cleanup while a container starts (what SIGTERM does) leaves no container', async () => {
    const cleanup = new Cleanup();
    const provider = createDockerProvider(cleanup, recordingLogger(), { startupTimeoutMs: 110_000 });
    const starting = failure(() =>
      provider.start({ engine: 'mariadb', version: null, image: TEST_IMAGES.neverReady }, NEVER),
    );
    await containerAppears(provider.runId);
    expect(await cleanup.releaseAll()).toEqual([]);
    expect(await countContainers(provider.runId)).toBe(0);
    expect(await starting).toBeInstanceOf(AbortedError);
    expect(await countContainers(provider.runId)).toBe(0);
  });
});
