/**
 * The leftover counts see only this test run's objects, and still see those: a database whose run
 * has ended counts (on Postgres and MariaDB), one whose run still holds its owner connection does not;
 * a data folder named after this process counts, one named after another process does not.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { expect, it } from 'vitest';
import { dataRoot } from '../../src/databases/embedded/embedded-provider.js';
import { embeddedDataDirs, leftoverDatabases, throwawayDatabases } from './leftovers.js';
import { MYSQL_URL, PG_URL } from './servers.js';

it('counts what an ended run of ours left, not what a run in progress holds', async () => {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const live = new pg.Client({ connectionString: PG_URL, application_name: 'schemagate:0badc0de' });
  await live.connect();
  await c.query('CREATE DATABASE schemagate_deadbeef_1_x');
  await c.query('CREATE DATABASE schemagate_0badc0de_1_x');
  const m = await mysql.createConnection(MYSQL_URL);
  await m.query('CREATE DATABASE schemagate_deadbeef_1_y');
  await m.query('CREATE DATABASE schemagate_0badc0de_1_y');
  const m2 = await mysql.createConnection(MYSQL_URL);
  await m2.query("SELECT GET_LOCK('schemagate:0badc0de', 0)");
  const dir = path.join(dataRoot(), `schemagate-pg-${process.pid}-sanity`);
  const other = path.join(dataRoot(), `schemagate-pg-1-sanity`);
  mkdirSync(dir);
  mkdirSync(other);
  try {
    expect(await leftoverDatabases(PG_URL)).toEqual(['schemagate_deadbeef_1_x']);
    expect(await throwawayDatabases(PG_URL)).toEqual(['schemagate_0badc0de_1_x', 'schemagate_deadbeef_1_x']);
    expect(await leftoverDatabases(MYSQL_URL)).toEqual(['schemagate_deadbeef_1_y']);
    expect(embeddedDataDirs()).toEqual([`schemagate-pg-${process.pid}-sanity`]);
  } finally {
    rmSync(dir, { recursive: true });
    rmSync(other, { recursive: true });
    await c.query('DROP DATABASE schemagate_deadbeef_1_x');
    await c.query('DROP DATABASE schemagate_0badc0de_1_x');
    await m.query('DROP DATABASE schemagate_deadbeef_1_y');
    await m.query('DROP DATABASE schemagate_0badc0de_1_y');
    await c.end();
    await live.end();
    await m.end();
    await m2.end();
  }
});
