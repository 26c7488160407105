/**
 * Online DDL measured on a real MariaDB with rows: each statement runs on a scratch copy of its table
 * with ALGORITHM/LOCK clauses from the cheapest up, and the first the server accepts is reported.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineDdlHazards, probeOnlineDdl, probeTarget } from '../../src/dialects/mysql/online-ddl.js';
import { hazardLine } from '../../src/rehearsal/hazards.js';
import { createMysqlDatabase, type TestDatabase } from '../helpers/servers.js';

let db: TestDatabase;
let connection: mysql.Connection;

const probe = (statement: string) => probeOnlineDdl(connection, [statement], 'mariadb').then((r) => r[0]!);

beforeAll(async () => {
  db = await createMysqlDatabase();
  connection = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  await connection.query(`
    CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100), n int, bio text);
    INSERT INTO users (email, n, bio) SELECT concat('u', seq), seq, 'b' FROM seq_1_to_200;
    CREATE TABLE plain (id int NOT NULL, v int);
    INSERT INTO plain SELECT seq, seq FROM seq_1_to_50;
    CREATE TABLE empty_table (id int, v int);`);
});

afterAll(async () => {
  await connection?.end();
  await db?.drop();
});

describe('online DDL measured on MariaDB', () => {
  it.each([
    ['ALTER TABLE users ADD COLUMN note varchar(20) NULL', 'INSTANT', 'NONE'],
    ['ALTER TABLE users ADD INDEX users_email (email)', 'NOCOPY', 'NONE'],
    ['CREATE INDEX users_n ON users (n)', 'NOCOPY', 'NONE'],
    ['ALTER TABLE users MODIFY email varchar(200)', 'INSTANT', 'NONE'],
    ['ALTER TABLE users MODIFY n bigint', 'COPY', 'SHARED'],
    ['ALTER TABLE users ADD FULLTEXT INDEX users_bio (bio)', 'INPLACE', 'SHARED'],
    ['ALTER TABLE plain ADD PRIMARY KEY (id)', 'INPLACE', 'NONE'],
  ])('%s: %s, LOCK=%s', async (statement, algorithm, lock) => {
    expect(await probe(statement)).toMatchObject({
      measured: true,
      relation: expect.any(String),
      algorithm,
      lock,
    });
  });

  it('drop primary key: COPY; the copy is always dropped and the real table untouched', async () => {
    expect(await probe('ALTER TABLE users MODIFY id int NOT NULL, DROP PRIMARY KEY')).toMatchObject({
      measured: true,
      algorithm: 'COPY',
    });
    const [tables] = await connection.query("SHOW TABLES LIKE '\\_sg\\_probe%'");
    expect(tables).toEqual([]);
    const [keys] = await connection.query("SHOW KEYS FROM users WHERE Key_name = 'PRIMARY'");
    expect((keys as unknown[]).length).toBe(1);
  });

  it('hazards: COPY and LOCK=SHARED on tables with rows; INSTANT, LOCK=NONE and empty tables are not', async () => {
    const results = await probeOnlineDdl(
      connection,
      [
        'ALTER TABLE users MODIFY n bigint',
        'ALTER TABLE users ADD INDEX users_email (email)',
        'ALTER TABLE users ADD COLUMN note2 int',
        'ALTER TABLE empty_table MODIFY v bigint',
        'ALTER TABLE users ADD FULLTEXT INDEX users_bio (bio)',
      ],
      'mariadb',
    );
    const hazards = onlineDdlHazards(results, 'up');
    expect(hazards).toEqual([
      expect.objectContaining({ relation: 'users', algorithm: 'COPY', lock: 'LOCK=SHARED', work: 'rewrite' }),
      expect.objectContaining({ algorithm: 'INPLACE', lock: 'LOCK=SHARED', work: 'index-build' }),
    ]);
    expect(hazardLine(hazards[0]!)).toMatch(
      /^🔒 ALGORITHM=COPY, LOCK=SHARED on users while rewriting the table: blocks writes; .*pt-online-schema-change/,
    );
  });

  it('statements it cannot rewrite, or that fail on the data, are not measured, with the reason', async () => {
    expect(await probe('ALTER TABLE users RENAME TO people')).toMatchObject({
      measured: false,
      reason: /renames/,
    });
    expect(await probe("UPDATE users SET bio = 'x'")).toMatchObject({ measured: false });
    expect(await probe('ALTER TABLE users ADD UNIQUE KEY users_bio_u (bio(5))')).toMatchObject({
      measured: false,
      reason: expect.stringMatching(/Duplicate entry/),
    });
  });

  it('probeTarget maps CREATE/DROP INDEX to ALTER TABLE and drops the statement’s own clauses', () => {
    expect(probeTarget('CREATE UNIQUE INDEX u ON `t` (a) ALGORITHM=INPLACE LOCK=NONE;')).toEqual({
      table: 't',
      spec: 'ADD UNIQUE INDEX u (a)',
    });
    expect(probeTarget('DROP INDEX u ON t')).toEqual({ table: 't', spec: 'DROP INDEX u' });
    expect(probeTarget('ALTER TABLE t ADD COLUMN c int, ALGORITHM=INSTANT')).toEqual({
      table: 't',
      spec: 'ADD COLUMN c int',
    });
    expect(probeTarget('ALTER TABLE other.t ADD COLUMN c int')).toEqual({ reason: expect.any(String) });
  });
});
