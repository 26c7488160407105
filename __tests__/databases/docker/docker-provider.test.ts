import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../src/databases/admin/admin.js';
import { Cleanup } from '../../../src/databases/cleanup.js';
import {
  countContainers,
  createDockerProvider,
  type DockerProvider,
} from '../../../src/databases/docker/index.js';
import type { Server, ThrowawayDatabase } from '../../../src/databases/provider.js';
import { DOCKER, NEVER, recordingLogger, SKIP_REASON, TEST_IMAGES } from '../../helpers/docker.js';

async function pgQuery(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function mysqlQuery(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query(sql);
    return rows as Array<Record<string, unknown>>;
  } finally {
    await connection.end();
  }
}

/** The databases the server has, seen through a fresh connection to its maintenance database. */
async function databasesOn(db: ThrowawayDatabase): Promise<string[]> {
  if (db.engine === 'postgres') {
    const rows = await pgQuery(withDatabase(db.url, 'postgres'), 'SELECT datname AS name FROM pg_database');
    return rows.map((r) => String(r.name));
  }
  const rows = await mysqlQuery(
    withDatabase(db.url, 'mysql'),
    'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA',
  );
  return rows.map((r) => String(r.name));
}

describe.skipIf(!DOCKER)(`docker provider${SKIP_REASON}`, () => {
  const cleanups: Cleanup[] = [];
  const providers: DockerProvider[] = [];

  function provider() {
    const cleanup = new Cleanup();
    const log = recordingLogger();
    const p = createDockerProvider(cleanup, log);
    cleanups.push(cleanup);
    providers.push(p);
    return { cleanup, log, provider: p };
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup.releaseAll();
    for (const p of providers.splice(0)) expect(await countContainers(p.runId)).toBe(0);
  });

  it('runs Postgres and MariaDB side by side, hands out databases, and leaves no container behind', async () => {
    const { provider: p, cleanup } = provider();
    expect(await countContainers(p.runId)).toBe(0);

    const [postgres, mariadb] = await Promise.all([
      p.start({ engine: 'postgres', version: null, image: TEST_IMAGES.postgres }, NEVER),
      p.start({ engine: 'mariadb', version: null, image: TEST_IMAGES.mariadb }, NEVER),
    ]);
    expect(await countContainers(p.runId)).toBe(2);

    expect(postgres.engine).toBe('postgres');
    expect(postgres.superuser).toBe(true);
    expect(postgres.serverVersion).toMatch(/^\d+\.\d+/);
    expect(postgres.label).toContain(`docker ${TEST_IMAGES.postgres}`);
    expect(mariadb.engine).toBe('mariadb');
    expect(mariadb.serverVersion).toMatch(/^\d+\.\d+\.\d+-MariaDB/);

    for (const server of [postgres, mariadb] as Server[]) {
      const a = await server.createDatabase('migrations');
      const b = await server.createDatabase('models');
      expect(a.name).not.toBe(b.name);
      expect(a.serverVersion).toBe(server.serverVersion);
      expect(await databasesOn(a)).toEqual(expect.arrayContaining([a.name, b.name]));
      await a.drop();
      const left = await databasesOn(b);
      expect(left).toContain(b.name);
      expect(left).not.toContain(a.name);
    }

    // The servers run tuned for throwaway data.
    const pgUrl = (await postgres.createDatabase('settings')).url;
    const settings = await pgQuery(
      pgUrl,
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name",
    );
    expect(settings).toEqual([
      { name: 'fsync', setting: 'off' },
      { name: 'full_page_writes', setting: 'off' },
      { name: 'synchronous_commit', setting: 'off' },
    ]);
    const mariaUrl = (await mariadb.createDatabase('settings')).url;
    const [vars] = await mysqlQuery(
      mariaUrl,
      'SELECT @@innodb_flush_log_at_trx_commit AS flush, @@log_bin AS binlog',
    );
    expect(vars).toEqual({ flush: 0, binlog: 0 });

    await postgres.stop();
    await mariadb.stop();
    expect(await countContainers(p.runId)).toBe(0);
    expect(cleanup.size).toBe(0);
  });

  it('releases every container through the Cleanup when the run ends without stopping its servers', async () => {
    const { provider: p, cleanup } = provider();
    const server = await p.start({ engine: 'postgres', version: null, image: TEST_IMAGES.postgres }, NEVER);
    await server.createDatabase('left open');
    expect(await countContainers(p.runId)).toBe(1);
    expect(await cleanup.releaseAll()).toEqual([]);
    expect(await countContainers(p.runId)).toBe(0);
  });

  it('runs two Postgres majors at once, each reporting its own version', async () => {
    const { provider: p } = provider();
    const [one, two] = await Promise.all([
      p.start({ engine: 'postgres', version: null, image: TEST_IMAGES.postgres }, NEVER),
      p.start({ engine: 'postgres', version: null, image: TEST_IMAGES.postgresAlt }, NEVER),
    ]);
    const major = (v: string) => v.split('.')[0];
    expect(major(one.serverVersion)).not.toBe(major(two.serverVersion));
    const db = await two.createDatabase('alt');
    const [row] = await pgQuery(db.url, "SELECT current_setting('server_version') AS v");
    expect(String(row!.v).split(' ')[0]).toBe(two.serverVersion);
  });

  it('starts the mysql engine from the MySQL image (MariaDB standing in for it where MySQL cannot run)', async () => {
    const { provider: p, log } = provider();
    const server = await p.start({ engine: 'mysql', version: null, image: TEST_IMAGES.mysql }, NEVER);
    expect(server.engine).toBe('mysql');
    const db = await server.createDatabase('mysql engine');
    await mysqlQuery(db.url, 'CREATE TABLE t (id INT PRIMARY KEY)');
    const rows = await mysqlQuery(db.url, 'SHOW TABLES');
    expect(rows.map((r) => Object.values(r)[0])).toEqual(['t']);
    // A stand-in must never pass silently for MySQL.
    const standIn = /MariaDB/i.test(server.serverVersion);
    expect(log.lines.some((l) => l.startsWith('warn:') && l.includes('not MySQL'))).toBe(standIn);
  });
});
