import { randomBytes } from 'node:crypto';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { type EngineContainer, serverUrl } from '../../databases/docker/engine-containers.js';

/**
 * Postgres: durability off (the data dies with the container), data directory in RAM. PGDATA is set
 * explicitly because the official images from 18 on moved their default data directory, and the tmpfs must
 * be where the server writes. Readiness: PostgreSqlContainer adds its own pg_isready health check.
 */
const POSTGRES_DATA = '/var/lib/postgresql/data';
const POSTGRES_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export function postgresContainer(image: string): EngineContainer {
  // Random per container: the URL is only ever handed to schemagate's own connections.
  const password = randomBytes(12).toString('hex');
  const container = new PostgreSqlContainer(image)
    .withUsername('schemagate')
    .withPassword(password)
    .withDatabase('postgres')
    .withEnvironment({ PGDATA: POSTGRES_DATA })
    .withTmpFs({ [POSTGRES_DATA]: 'rw' })
    .withCommand(['postgres', ...POSTGRES_FLAGS]);
  return {
    container,
    port: 5432,
    adminUrl: (started) => serverUrl('postgres', 'schemagate', password, started, 5432, 'postgres'),
  };
}
