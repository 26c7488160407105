/**
 * Seeding on a real MariaDB (standing in for MySQL 8 too): every empty table of a schema with the
 * usual obstacles (foreign keys, enums and sets, CHECK constraints, unique keys, auto_increment,
 * generated columns, bit, binary and JSON columns) ends up with rows, values at the declared limits,
 * and the migrations that break on data in production break here.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/dialects/mysql/index.js';
import { mysqlSeedTarget, strictMode } from '../../src/dialects/mysql/seed-target.js';
import { seedEmptyTables } from '../../src/rehearsal/seed.js';
import { createMysqlDatabase, type TestDatabase } from '../helpers/servers.js';

const DDL = `
CREATE TABLE teams (id int AUTO_INCREMENT PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, code char(3) NOT NULL, about text);
CREATE TABLE users (
  id bigint unsigned AUTO_INCREMENT PRIMARY KEY,
  team_id int NOT NULL,
  email varchar(191) NOT NULL,
  bio text,
  age tinyint unsigned CHECK (age < 150),
  score decimal(5,2) NOT NULL DEFAULT 0,
  mood enum('happy','sad') NOT NULL,
  perms set('read','write'),
  active tinyint(1) NOT NULL,
  flags bit(8) NOT NULL,
  born date,
  seen datetime(3),
  stamp timestamp NULL,
  yr year,
  token varbinary(16) NOT NULL,
  ref char(36) NOT NULL,
  meta json,
  big bigint unsigned,
  upper_email varchar(191) AS (upper(email)) VIRTUAL,
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_token_key UNIQUE (token),
  CONSTRAINT users_team FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE TABLE memberships (
  team_id int NOT NULL, user_id bigint unsigned NOT NULL, token varbinary(16),
  PRIMARY KEY (team_id, user_id),
  FOREIGN KEY (team_id) REFERENCES teams (id), FOREIGN KEY (user_id) REFERENCES users (id),
  FOREIGN KEY (token) REFERENCES users (token)
);
CREATE TABLE short_codes (code varchar(10) NOT NULL CHECK (char_length(code) <= 3));
CREATE TABLE impossible (x int NOT NULL, CONSTRAINT impossible_x CHECK (x < 0 AND x > 0));
CREATE TABLE legacy (name varchar(5) NOT NULL, n smallint NOT NULL) ENGINE=MyISAM;
CREATE TABLE already (id int);
INSERT INTO already VALUES (7);
`;

let db: TestDatabase;
let connection: mysql.Connection;

async function seed(rows: number) {
  const introspector = await mysqlDialect.introspector(db.url);
  try {
    const schema = await introspector.snapshot();
    return await seedEmptyTables(schema, mysqlSeedTarget(connection), { rows });
  } finally {
    await introspector.close();
  }
}

async function one<T>(sql: string): Promise<T> {
  const [rows] = await connection.query(sql);
  return (rows as T[])[0]!;
}

beforeAll(async () => {
  db = await createMysqlDatabase();
  connection = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  await connection.query(DDL);
});

afterAll(async () => {
  await connection?.end();
  await db?.drop();
});

describe('seeding empty tables on MariaDB', () => {
  it('fills every table it can, parents first, and names the ones it cannot with the server reason', async () => {
    const result = await seed(20);
    const seeded = Object.fromEntries(result.seeded.map((s) => [s.table, s.rows]));
    expect(seeded).toMatchObject({ teams: 20, users: 20, memberships: 20, short_codes: 20 });
    const codes = await one<{ len: number }>('SELECT max(char_length(code)) AS len FROM short_codes');
    expect(Number(codes.len)).toBeLessThanOrEqual(3);
    expect(seeded.already).toBeUndefined();
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM already')).n).toBe(1);
    expect(result.skipped).toEqual([
      { table: 'impossible', reason: expect.stringContaining('impossible_x') },
    ]);
  });

  it('writes values at the limits: full lengths, largest numbers, all bits set, NULLs', async () => {
    const teams = await one<{ len: number }>('SELECT max(char_length(name)) AS len FROM teams');
    expect(teams.len).toBe(40);
    const users = await one<Record<string, unknown>>(
      `SELECT max(char_length(bio)) AS bio_len, sum(bio IS NULL) AS null_bios, count(DISTINCT mood) AS moods,
        max(flags + 0) AS flags, CAST(max(big) AS CHAR) AS big, max(age) AS age, max(char_length(email)) AS email_len,
        max(json_value(meta, '$.seed')) AS meta, count(DISTINCT token) AS tokens
       FROM users`,
    );
    expect(Number(users.bio_len)).toBeGreaterThan(255);
    expect(Number(users.null_bios)).toBeGreaterThan(0);
    expect(Number(users.moods)).toBe(2);
    expect(Number(users.flags)).toBe(255);
    expect(users.big).toBe('18446744073709551615');
    expect(Number(users.email_len)).toBe(191);
    expect(Number(users.tokens)).toBe(20);
    expect(Number(users.meta)).toBeGreaterThan(0);
    // The CHECK refused 255 for age: only the checked column fell back to plain values.
    expect(Number(users.age)).toBeLessThan(150);
    // A binary foreign key holds the parent's bytes exactly.
    const orphans = await one<{ n: number }>(
      'SELECT count(*) AS n FROM memberships m LEFT JOIN users u ON u.token = m.token WHERE m.token IS NOT NULL AND u.id IS NULL',
    );
    expect(Number(orphans.n)).toBe(0);
  });

  it('a MyISAM table is seeded strictly: a value too long is refused, not clipped', async () => {
    const legacy = await one<{ len: number; n: number }>(
      'SELECT max(char_length(name)) AS len, max(n) AS n, count(*) AS c FROM legacy',
    );
    expect(Number(legacy.len)).toBe(5);
    expect(Number(legacy.n)).toBe(32767);
    // Under the server's default STRICT_TRANS_TABLES a MyISAM insert would clip 'toolong' to 'toolo'.
    const introspector = await mysqlDialect.introspector(db.url);
    const schema = await introspector.snapshot();
    await introspector.close();
    const table = schema.tables.legacy!;
    const columns = [table.columns.name!, table.columns.n!];
    const refused = await mysqlSeedTarget(connection).insert(table, columns, [
      ['ok', '1'],
      ['toolong', '2'],
    ]);
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/Data too long for column 'name'/) });
    // What the seeding session did to sql_mode is undone.
    const mode = await one<{ mode: string }>('SELECT @@SESSION.sql_mode AS mode');
    expect(mode.mode).not.toContain('STRICT_ALL_TABLES');
  });

  it('is idempotent: a second seed finds no empty table to fill', async () => {
    expect((await seed(20)).seeded).toEqual([]);
  });

  it('makes the migrations that fail on data in production fail here', async () => {
    await expect(connection.query('ALTER TABLE teams MODIFY about varchar(40)')).rejects.toThrow(
      /Data too long for column 'about'/,
    );
    await expect(connection.query('ALTER TABLE users MODIFY bio text NOT NULL')).rejects.toThrow(
      /Data truncated|Invalid use of NULL/,
    );
    await expect(connection.query('ALTER TABLE users MODIFY big bigint')).rejects.toThrow(/Out of range/);
    await expect(connection.query('ALTER TABLE users ADD UNIQUE KEY users_bio (bio(20))')).rejects.toThrow(
      /Duplicate entry/,
    );
    // Widening is harmless, and stays so with rows.
    await connection.query('ALTER TABLE teams MODIFY name varchar(80) NOT NULL');
  });
});

describe('strictMode', () => {
  it('adds strictness for every engine, keeps the other modes and drops NO_BACKSLASH_ESCAPES', () => {
    expect(strictMode('STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES')).toBe(
      'STRICT_TRANS_TABLES,ANSI_QUOTES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO',
    );
    expect(strictMode('')).toBe('STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO');
  });
});
