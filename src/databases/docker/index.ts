/** The docker provider: throwaway Postgres, MySQL and MariaDB servers in containers (testcontainers). */
export {
  createDockerProvider,
  DEFAULT_STARTUP_TIMEOUT_MS,
  type DockerProvider,
  type DockerProviderOptions,
} from './docker-provider.js';
export { LABEL_CONTAINER, LABEL_ENGINE, LABEL_RUN } from './labels.js';
export { countContainers, removeLeftovers } from './leftovers.js';
export { dockerAvailable, dockerEndpoint } from './runtime.js';
