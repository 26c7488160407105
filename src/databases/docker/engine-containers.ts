import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { ENGINES, type EngineName } from '../../dialects/registry.js';

/** What GenericContainer.withHealthCheck takes (testcontainers does not export the type by name). */
export type HealthCheck = Parameters<GenericContainer['withHealthCheck']>[0];

/**
 * How an engine's container is configured for throwaway use, and how schemagate connects to it as an
 * administrator once it runs. Each engine's recipe is its own (src/dialects/<engine>/container.ts);
 * they use only flags that both the official images and schemagate's local stand-ins (scripts/docker/)
 * accept.
 */
export interface EngineContainer {
  container: GenericContainer;
  /** The server's port inside the container. */
  port: number;
  /** The administrator's URL once started (a secret: it carries the password). */
  adminUrl(started: StartedTestContainer): string;
}

/** The engine's container recipe, loaded only when a container of that engine starts. */
export async function engineContainer(engine: EngineName, image: string): Promise<EngineContainer> {
  const recipe = await ENGINES[engine].load.container();
  return recipe(image);
}

/** The URL of a started container's server, with the mapped port. */
export function serverUrl(
  scheme: string,
  user: string,
  password: string,
  started: StartedTestContainer,
  port: number,
  database: string,
): string {
  const url = new URL(`${scheme}://placeholder`);
  url.hostname = started.getHost();
  url.port = String(started.getMappedPort(port));
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
