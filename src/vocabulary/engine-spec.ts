/**
 * What the user asked for when naming an engine. A leaf, so src/config/ can build it without
 * importing the providers that start servers for it.
 */
import type { EngineName } from '../dialects/registry.js';

/** Which engine and version the user asked for: `postgres`, `postgres:16`, `mariadb:11.4`. */
export interface EngineSpec {
  engine: EngineName;
  /** As the user wrote it (`16`, `8.4`), or null for the provider's default. */
  version: string | null;
  /** Image override for the docker provider (`--image ENGINE=IMAGE`). */
  image?: string | null;
}
