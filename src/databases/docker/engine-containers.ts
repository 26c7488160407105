import { randomBytes } from 'node:crypto';
import { MariaDbContainer } from '@testcontainers/mariadb';
import { MySqlContainer } from '@testcontainers/mysql';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import type { EngineName } from '../../schema/model.js';

/** What GenericContainer.withHealthCheck takes (testcontainers does not export the type by name). */
type HealthCheck = Parameters<GenericContainer['withHealthCheck']>[0];

/**
 * How each engine's container is configured for throwaway use, and how schemagate connects to it as an
 * administrator once it runs. Only flags that both the official images and schemagate's local stand-ins
 * (scripts/docker/) accept are used; where MySQL 8 and MariaDB differ, that is said below.
 */
export interface EngineContainer {
  container: GenericContainer;
  /** The server's port inside the container. */
  port: number;
  /** The administrator's URL once started (a secret: it carries the password). */
  adminUrl(started: StartedTestContainer): string;
}

/**
 * Postgres: durability off (the data dies with the container), data directory in RAM. PGDATA is set
 * explicitly because the official images from 18 on moved their default data directory, and the tmpfs must
 * be where the server writes.
 */
const POSTGRES_DATA = '/var/lib/postgresql/data';
const POSTGRES_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

/**
 * MySQL 8.4 and MariaDB both accept these: flush the redo log about once a second instead of at each commit,
 * no binary log (MySQL 8 writes one by default; MariaDB does not, and accepts the flag), no doublewrite
 * buffer (a boolean in MariaDB, an enum with OFF in MySQL 8.0.30+), and no performance schema (MySQL 8 turns
 * it on by default and it costs start-up time and a few hundred MB; MariaDB has it off already).
 */
const MYSQL_FLAGS = [
  '--innodb-flush-log-at-trx-commit=0',
  '--skip-log-bin',
  '--innodb-doublewrite=OFF',
  '--performance-schema=OFF',
];
const MYSQL_DATA = '/var/lib/mysql';

/**
 * Readiness (start-container.ts waits for Docker's health status). The official images declare no health
 * check; this one pings over TCP, which the entrypoints' initialisation servers (networking off) never answer,
 * so it passes only once the real server is up. `ping` succeeds even when access is denied, so it needs no
 * password. MariaDB 11 images have `mariadb-admin` and may lack `mysqladmin`; MySQL images have only
 * `mysqladmin`. (Postgres: PostgreSqlContainer adds its own pg_isready health check.)
 */
const MYSQL_HEALTH_CHECK: HealthCheck = {
  test: [
    'CMD-SHELL',
    'mariadb-admin ping -h 127.0.0.1 --silent 2>/dev/null || mysqladmin ping -h 127.0.0.1 --silent 2>/dev/null',
  ],
  interval: 250,
  timeout: 2_000,
  retries: 1_000,
};

export function engineContainer(engine: EngineName, image: string): EngineContainer {
  // Random per container: the URL is only ever handed to schemagate's own connections.
  const password = randomBytes(12).toString('hex');
  if (engine === 'postgres') {
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
  // MySqlContainer sets MYSQL_* variables, MariaDbContainer MARIADB_*: each official image reads its own
  // (MariaDB's also reads MYSQL_*). schemagate connects as root; the image's default extra user goes unused.
  const container = (engine === 'mysql' ? new MySqlContainer(image) : new MariaDbContainer(image))
    .withRootPassword(password)
    .withTmpFs({ [MYSQL_DATA]: 'rw' })
    .withCommand(MYSQL_FLAGS)
    .withHealthCheck(MYSQL_HEALTH_CHECK);
  return {
    container,
    port: 3306,
    adminUrl: (started) => serverUrl('mysql', 'root', password, started, 3306, 'mysql'),
  };
}

function serverUrl(
  scheme: 'postgres' | 'mysql',
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
