/**
 * A down that loses data, caught on a real MariaDB with seeded rows (standing in for MySQL 8): the
 * content of every column that existed before the up is compared after up → down. Reversible pairs
 * that keep the data are quiet.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mysqlContent } from '../../src/dialects/mysql/content.js';
import { mysqlDialect } from '../../src/dialects/mysql/index.js';
import { mysqlSeedTarget } from '../../src/dialects/mysql/seed-target.js';
import { compareContent, type DataLoss, dataLossLine } from '../../src/rehearsal/content.js';
import { seedEmptyTables } from '../../src/rehearsal/seed.js';
import { createMysqlDatabase, type TestDatabase } from '../helpers/servers.js';

let db: TestDatabase;
let connection: mysql.Connection;

async function snapshot() {
  const introspector = await mysqlDialect.introspector(db.url);
  try {
    return await introspector.snapshot();
  } finally {
    await introspector.close();
  }
}

async function roundTrip(up: string, down: string): Promise<DataLoss[]> {
  const tables = Object.entries((await snapshot()).tables);
  const before = await mysqlContent(connection, tables);
  await connection.query(up);
  await connection.query(down);
  return compareContent(before, await mysqlContent(connection, tables));
}

beforeAll(async () => {
  db = await createMysqlDatabase();
  connection = await mysql.createConnection({ uri: db.url, multipleStatements: true });
});

beforeEach(async () => {
  await connection.query(`DROP TABLE IF EXISTS users, notes;
    CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, email varchar(60) NOT NULL, bio text, score int, token varbinary(8));
    CREATE TABLE notes (id int);`);
  await seedEmptyTables(await snapshot(), mysqlSeedTarget(connection), { rows: 12 });
});

afterAll(async () => {
  await connection?.end();
  await db?.drop();
});

describe('data lost by a down, on MariaDB', () => {
  it('a column dropped and re-created empty: named, with the values it held', async () => {
    const losses = await roundTrip(
      'ALTER TABLE users DROP COLUMN bio',
      'ALTER TABLE users ADD COLUMN bio text',
    );
    expect(losses).toEqual([expect.objectContaining({ table: 'users', column: 'bio', kind: 'nulled' })]);
    expect(losses[0]!.before.count).toBe(9);
    expect(dataLossLine(losses[0]!)).toMatch(
      /^users\.bio: 9 values lost \(all NULL after the down\), e\.g\. 'v1x+', 'v2x+', 'v3x+'$/,
    );
  });

  it('rows deleted by the down', async () => {
    const losses = await roundTrip(
      'INSERT INTO notes VALUES (1)',
      'DELETE FROM notes; DELETE FROM users WHERE id > 6',
    );
    expect(losses).toContainEqual(expect.objectContaining({ table: 'users', column: null, kind: 'rows' }));
    expect(dataLossLine(losses.find((l) => l.table === 'users')!)).toBe(
      'users: 6 of 12 rows lost after the down',
    );
    expect(losses).toContainEqual(expect.objectContaining({ table: 'notes', kind: 'rows' }));
  });

  it('values changed on the way back: a lossy type round trip, a case change a ci collation hides', async () => {
    expect(
      await roundTrip(
        'UPDATE users SET email = LEFT(email, 10); ALTER TABLE users MODIFY email varchar(10) NOT NULL',
        'ALTER TABLE users MODIFY email varchar(60) NOT NULL',
      ),
    ).toEqual([expect.objectContaining({ table: 'users', column: 'email', kind: 'changed' })]);
    expect(await roundTrip('UPDATE users SET bio = UPPER(bio)', 'SELECT 1')).toEqual([
      expect.objectContaining({ column: 'bio', kind: 'changed' }),
    ]);
  });

  it('reversible pairs that keep every value are quiet, binary columns included', async () => {
    expect(
      await roundTrip(
        'ALTER TABLE users RENAME COLUMN bio TO about, MODIFY email text NOT NULL, MODIFY token varbinary(16)',
        'ALTER TABLE users RENAME COLUMN about TO bio, MODIFY email varchar(60) NOT NULL, MODIFY token varbinary(8)',
      ),
    ).toEqual([]);
    expect(
      await roundTrip(
        'ALTER TABLE users ADD COLUMN extra int DEFAULT 1',
        'ALTER TABLE users DROP COLUMN extra',
      ),
    ).toEqual([]);
  });
});
