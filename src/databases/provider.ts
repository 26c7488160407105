import type { EngineName } from '../schema/model.js';
import type { EngineSpec } from '../vocabulary/engine-spec.js';
import type { ProviderName } from '../vocabulary/provider-names.js';

export type { EngineSpec } from '../vocabulary/engine-spec.js';

export type { ProviderName } from '../vocabulary/provider-names.js';

/** A database created for one check and dropped after it. `url` is a secret: never log it. */
export interface ThrowawayDatabase {
  engine: EngineName;
  /** The server's real version, e.g. `17.6`, `10.11.19-MariaDB`. */
  serverVersion: string;
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** One running server (container, embedded process or existing URL) that hands out databases. */
export interface Server {
  engine: EngineName;
  serverVersion: string;
  /** Human description with no secret in it: `embedded postgres 17.6`, `docker mariadb:11.4`. */
  label: string;
  /** Whether the server lets schemagate create event triggers (Postgres superuser): scoped snapshots need it. */
  superuser: boolean;
  createDatabase(purpose: string): Promise<ThrowawayDatabase>;
  /** Stops the server (if schemagate owns it) and drops every database it created. Idempotent. */
  stop(): Promise<void>;
}

export interface Provider {
  name: ProviderName;
  start(spec: EngineSpec, signal: AbortSignal): Promise<Server>;
}
