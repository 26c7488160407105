/**
 * Seeding on a real Postgres: every empty table of a schema with the usual obstacles (foreign keys,
 * enums, CHECK constraints, unique keys, serial and identity columns) ends up with rows, values at
 * the declared limits, and the migrations that break on data in production break here.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSeedTarget } from '../../src/dialects/postgres/seed-target.js';
import { seedEmptyTables } from '../../src/rehearsal/seed.js';
import { createPgDatabase, type TestDatabase } from '../helpers/servers.js';
import { pgSchemaOf } from './pg-schema.js';

const DDL = `
CREATE TYPE public.mood AS ENUM ('happy', 'sad');
CREATE TABLE public.teams (id serial PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, code char(3) NOT NULL, about text);
CREATE TABLE public.users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id int NOT NULL REFERENCES public.teams(id),
  email text NOT NULL,
  bio text,
  age smallint CHECK (age >= 0 AND age < 150),
  score numeric(5,2) NOT NULL DEFAULT 0,
  mood public.mood NOT NULL,
  active boolean NOT NULL,
  born date,
  seen timestamptz,
  ref uuid NOT NULL UNIQUE,
  meta jsonb,
  upper_email text GENERATED ALWAYS AS (upper(email)) STORED,
  CONSTRAINT users_email_key UNIQUE (email)
);
CREATE UNIQUE INDEX users_lower_bio ON public.users (lower(bio));
CREATE TABLE public.memberships (
  team_id int NOT NULL, user_id bigint NOT NULL,
  PRIMARY KEY (team_id, user_id),
  FOREIGN KEY (team_id) REFERENCES public.teams(id), FOREIGN KEY (user_id) REFERENCES public.users(id)
);
CREATE TABLE public.short_codes (code varchar(10) NOT NULL CHECK (length(code) <= 3));
CREATE TABLE public.impossible (x int NOT NULL CHECK (x < 0 AND x > 0));
CREATE TABLE public.already (id int);
INSERT INTO public.already VALUES (7);
`;

let db: TestDatabase;
let client: pg.Client;

async function seed(rows: number) {
  return seedEmptyTables(await pgSchemaOf(db.url), postgresSeedTarget(client), { rows });
}

beforeAll(async () => {
  db = await createPgDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(DDL);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('seeding empty tables on Postgres', () => {
  it('fills every table it can, parents first, and names the ones it cannot with the server reason', async () => {
    const result = await seed(20);
    const seeded = Object.fromEntries(result.seeded.map((s) => [s.table, s.rows]));
    expect(seeded).toMatchObject({ 'public.teams': 20, 'public.users': 20, 'public.memberships': 20 });
    // A CHECK the declared length does not reveal: the plain retry fits it.
    expect(seeded['public.short_codes']).toBe(20);
    const codes = await client.query('SELECT max(length(code))::int AS len FROM public.short_codes');
    expect(codes.rows[0].len).toBeLessThanOrEqual(3);
    // A table that already had rows is left as it is.
    expect(seeded['public.already']).toBeUndefined();
    expect((await client.query('SELECT count(*)::int AS n FROM public.already')).rows[0].n).toBe(1);
    expect(result.skipped).toEqual([
      { table: 'public.impossible', reason: expect.stringContaining('impossible_x_check') },
    ]);
  });

  it('writes values at the limits: full declared lengths, long text, the largest number, NULLs', async () => {
    const teams = await client.query('SELECT max(length(name)) AS len FROM public.teams');
    expect(teams.rows[0].len).toBe(40);
    const users = await client.query(
      'SELECT max(length(email)) AS email_len, count(*) FILTER (WHERE bio IS NULL)::int AS null_bios, count(DISTINCT mood)::int AS moods FROM public.users',
    );
    expect(users.rows[0].email_len).toBeGreaterThan(255);
    expect(users.rows[0].null_bios).toBeGreaterThan(0);
    expect(users.rows[0].moods).toBe(2);
  });

  it('is idempotent: a second seed finds no empty table to fill', async () => {
    const again = await seed(20);
    expect(again.seeded).toEqual([]);
  });

  it('makes the migrations that fail on data in production fail here', async () => {
    const narrow = client.query('ALTER TABLE public.teams ALTER COLUMN about TYPE varchar(40)');
    await expect(narrow).rejects.toThrow(/value too long for type character varying\(40\)/);
    const required = client.query('ALTER TABLE public.teams ADD COLUMN owner int NOT NULL');
    await expect(required).rejects.toThrow(/contains null values/);
    const notNull = client.query('ALTER TABLE public.users ALTER COLUMN bio SET NOT NULL');
    await expect(notNull).rejects.toThrow(/contains null values/);
    // Widening is harmless, and stays so with rows.
    await client.query('ALTER TABLE public.teams ALTER COLUMN name TYPE varchar(80)');
  });
});
