import { randomBytes } from 'node:crypto';
import { MariaDbContainer } from '@testcontainers/mariadb';
import { MySqlContainer } from '@testcontainers/mysql';
import {
  type EngineContainer,
  type HealthCheck,
  serverUrl,
} from '../../databases/docker/engine-containers.js';

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
 * `mysqladmin`.
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

/**
 * MySqlContainer sets MYSQL_* variables, MariaDbContainer MARIADB_*: each official image reads its own
 * (MariaDB's also reads MYSQL_*). schemagate connects as root; the image's default extra user goes unused.
 */
export function mysqlContainer(variant: 'mysql' | 'mariadb', image: string): EngineContainer {
  // Random per container: the URL is only ever handed to schemagate's own connections.
  const password = randomBytes(12).toString('hex');
  const container = (variant === 'mariadb' ? new MariaDbContainer(image) : new MySqlContainer(image))
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
