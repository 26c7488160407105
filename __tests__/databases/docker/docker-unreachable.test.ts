/**
 * An engine that does not answer. Its own test file: testcontainers caches the first Docker client that works
 * for the life of the process, and vitest runs each file in a fresh one. Needs no Docker at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cleanup } from '../../../src/databases/cleanup.js';
import { createDockerProvider, dockerAvailable } from '../../../src/databases/docker/index.js';
import { InfraError } from '../../../src/errors.js';
import { NEVER, recordingLogger } from '../../helpers/docker.js';

const DEAD_SOCKET = 'unix:///tmp/schemagate-no-docker-here.sock';

describe('Docker that does not answer', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.DOCKER_HOST;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  });

  it('is reported as unavailable, for choosing the provider by itself', async () => {
    process.env.DOCKER_HOST = DEAD_SOCKET;
    expect(await dockerAvailable()).toBe(false);
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    expect(await dockerAvailable()).toBe(false);
  });

  it('ends a start in a one-line InfraError (exit 2) that says where and what to do, with nothing registered', async () => {
    process.env.DOCKER_HOST = DEAD_SOCKET;
    const cleanup = new Cleanup();
    const provider = createDockerProvider(cleanup, recordingLogger());
    const error = await provider.start({ engine: 'postgres', version: '16', image: null }, NEVER).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InfraError);
    expect((error as InfraError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      `Docker is not reachable at ${DEAD_SOCKET}: start Docker or use --provider embedded / --url`,
    );
    expect(cleanup.size).toBe(0);
  });
});
