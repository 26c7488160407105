import { actualEngine, ENGINES } from '../../dialects/registry.js';
import { errorMessage, InfraError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { type ImageOverrides, resolveImage } from '../../vocabulary/images.js';
import { adminServer } from '../admin/admin-server.js';
import type { Cleanup } from '../cleanup.js';
import type { EngineSpec, Provider, Server } from '../provider.js';
import { engineContainer } from './engine-containers.js';
import { newRunId } from './labels.js';
import { reapOrphans } from './leftovers.js';
import { connectDocker } from './runtime.js';
import { startTracked } from './start-container.js';

export interface DockerProviderOptions {
  /** Labels every container (`dev.schemagate.run=<runId>`); random by default. */
  runId?: string;
  /** How long a container may take to become ready; testcontainers' own default, 120 s, by default. */
  startupTimeoutMs?: number;
  /** Image overrides from `--image ENGINE=IMAGE`, for specs that carry no `image` of their own. */
  images?: ImageOverrides;
}

export interface DockerProvider extends Provider {
  name: 'docker';
  /** The value of the `dev.schemagate.run` label on this provider's containers. */
  readonly runId: string;
}

export const DEFAULT_STARTUP_TIMEOUT_MS = 120_000;

/**
 * Throwaway servers in Docker containers through testcontainers: one container per engine version, tuned
 * for speed, removed by the run's Cleanup on every way out (the reaper is never used).
 */
export function createDockerProvider(
  cleanup: Cleanup,
  log: Logger,
  options: DockerProviderOptions = {},
): DockerProvider {
  const runId = options.runId ?? newRunId();
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  // Once per run, before its first container: what killed runs left on this machine goes first.
  let reaped: Promise<void> | null = null;
  return {
    name: 'docker',
    runId,
    async start(spec: EngineSpec, signal: AbortSignal): Promise<Server> {
      const image = resolveImage(spec, options.images);
      const client = await connectDocker();
      reaped ??= reapOrphans(client, log);
      await reaped;
      const containerSpec = await engineContainer(spec.engine, image);
      const { started, release } = await startTracked({
        client,
        engine: spec.engine,
        image,
        spec: containerSpec,
        runId,
        startupTimeoutMs,
        cleanup,
        log,
        signal,
      });
      try {
        const server = await adminServer({
          engine: spec.engine,
          adminUrl: containerSpec.adminUrl(started),
          label: `docker ${image}`,
          cleanup,
          log,
          stopUnderlying: release,
        });
        const actual = actualEngine(spec.engine, server.serverVersion);
        if (actual !== spec.engine) {
          // The local CI images stand a MariaDB in for MySQL 8, which Debian does not package.
          const [asked, runs] = [ENGINES[spec.engine].title, ENGINES[actual].title];
          log.warn(
            `${image} runs ${runs} ${server.serverVersion}, not ${asked}: ${asked}-only behaviour is not checked`,
          );
        }
        return server;
      } catch (error) {
        await release();
        if (error instanceof InfraError) throw error;
        throw new InfraError(
          `container ${image} (${spec.engine}) started, but schemagate could not connect to it: ${errorMessage(error).split('\n')[0]}`,
          { cause: error },
        );
      }
    },
  };
}
