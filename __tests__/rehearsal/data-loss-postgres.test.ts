/**
 * A down that loses data, caught on a real Postgres with seeded rows: the content of every column
 * that existed before the up is compared after up → down, and the report names the table, the column
 * and example values. Reversible pairs that keep the data are quiet.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresContent, takeCapturedContent } from '../../src/dialects/postgres/content.js';
import { installProbes } from '../../src/dialects/postgres/lock-probe.js';
import { postgresSeedTarget } from '../../src/dialects/postgres/seed-target.js';
import { compareContent, type DataLoss, dataLossLine } from '../../src/rehearsal/content.js';
import { seedEmptyTables } from '../../src/rehearsal/seed.js';
import type { Table } from '../../src/schema/model.js';
import { createPgDatabase, type TestDatabase } from '../helpers/servers.js';
import { pgSchemaOf } from './pg-schema.js';

let db: TestDatabase;
let client: pg.Client;

async function roundTrip(up: string, down: string): Promise<DataLoss[]> {
  const tables = Object.entries((await pgSchemaOf(db.url)).tables);
  const before = await postgresContent(client, tables);
  await client.query(up);
  await client.query(down);
  return compareContent(before, await postgresContent(client, tables));
}

beforeAll(async () => {
  db = await createPgDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

beforeEach(async () => {
  await client.query(`DROP TABLE IF EXISTS public.users, public.notes;
    CREATE TABLE public.users (id serial PRIMARY KEY, email varchar(60) NOT NULL, bio text, score int);
    CREATE TABLE public.notes (id int);`);
  await seedEmptyTables(await pgSchemaOf(db.url), postgresSeedTarget(client), { rows: 12 });
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('data lost by a down, on Postgres', () => {
  it('a column dropped and re-created empty: named, with the values it held', async () => {
    const losses = await roundTrip(
      'ALTER TABLE public.users DROP COLUMN bio',
      'ALTER TABLE public.users ADD COLUMN bio text',
    );
    expect(losses).toEqual([
      expect.objectContaining({ table: 'public.users', column: 'bio', kind: 'nulled' }),
    ]);
    expect(losses[0]!.before.count).toBe(9);
    expect(dataLossLine(losses[0]!)).toMatch(
      /^public\.users\.bio: 9 values lost \(all NULL after the down\), e\.g\. 'v1x+', 'v2x+', 'v3x+'$/,
    );
  });

  it('rows deleted by the down', async () => {
    const losses = await roundTrip(
      'INSERT INTO public.notes VALUES (1)',
      'DELETE FROM public.notes; DELETE FROM public.users WHERE id > 6',
    );
    expect(losses).toContainEqual(
      expect.objectContaining({ table: 'public.users', column: null, kind: 'rows' }),
    );
    expect(dataLossLine(losses.find((l) => l.table === 'public.users')!)).toBe(
      'public.users: 6 of 12 rows lost after the down',
    );
    expect(losses).toContainEqual(expect.objectContaining({ table: 'public.notes', kind: 'rows' }));
  });

  it('values changed on the way back (a lossy type round trip)', async () => {
    const losses = await roundTrip(
      'ALTER TABLE public.users ALTER COLUMN email TYPE varchar(10) USING left(email, 10)',
      'ALTER TABLE public.users ALTER COLUMN email TYPE varchar(60)',
    );
    expect(losses).toEqual([
      expect.objectContaining({ table: 'public.users', column: 'email', kind: 'changed' }),
    ]);
  });

  it('reversible pairs that keep every value are quiet', async () => {
    expect(
      await roundTrip(
        'ALTER TABLE public.users RENAME COLUMN bio TO about; ALTER TABLE public.users ALTER COLUMN email TYPE text',
        'ALTER TABLE public.users RENAME COLUMN about TO bio; ALTER TABLE public.users ALTER COLUMN email TYPE varchar(60)',
      ),
    ).toEqual([]);
    expect(
      await roundTrip(
        'ALTER TABLE public.users ADD COLUMN extra int DEFAULT 1',
        'ALTER TABLE public.users DROP COLUMN extra',
      ),
    ).toEqual([]);
  });
});

describe('content captured by the event trigger just before DDL touches a table', () => {
  it('matches the names the statement uses as whole words: quoted, mixed case, not a longer name', async () => {
    await client.query(`DROP TABLE IF EXISTS public."Order Items", public.user;
      CREATE TABLE public."Order Items" (id int); INSERT INTO public."Order Items" VALUES (1);
      CREATE TABLE public.user (id int); INSERT INTO public.user VALUES (1);`);
    await installProbes(client);
    await takeCapturedContent(client);
    await client.query('ALTER TABLE public."Order Items" ADD COLUMN qty int');
    await client.query('ALTER TABLE PUBLIC.USERS ADD COLUMN unused int');
    const captured = await takeCapturedContent(client);
    // "users" contains "user": a substring match would capture public.user too.
    expect(Object.keys(captured).sort()).toEqual(['public.Order Items', 'public.users']);
    expect(captured['public.Order Items']).toEqual(expect.objectContaining({ rows: 1 }));
    await client.query(
      'DROP TABLE public."Order Items", public.user; ALTER TABLE public.users DROP COLUMN unused',
    );
  });

  it('does not summarise a table before statements that cannot change its values (CREATE, COMMENT)', async () => {
    await installProbes(client);
    await takeCapturedContent(client);
    await client.query('CREATE INDEX users_probe_idx ON public.users (email)');
    await client.query('CREATE TABLE public.probe_child (id int, u int REFERENCES public.users (id))');
    await client.query("COMMENT ON TABLE public.users IS 'people'");
    expect(Object.keys(await takeCapturedContent(client))).toEqual([]);
    await client.query('INSERT INTO public.probe_child VALUES (1, NULL)');
    await client.query('DROP TABLE public.probe_child; DROP INDEX public.users_probe_idx');
    await client.query('COMMENT ON TABLE public.users IS NULL');
    // The DROP INDEX names the index, not the table; the DROP TABLE names a table created above.
    expect(Object.keys(await takeCapturedContent(client))).toEqual(['public.probe_child']);
  });

  it('does not summarise a table before dropping or altering an index, whatever the index is named', async () => {
    // An index in another schema named like the table with rows: the statement names "users" as a
    // whole word, which a name match alone would capture.
    await client.query(`DROP SCHEMA IF EXISTS probe_idx CASCADE; CREATE SCHEMA probe_idx;
      CREATE TABLE probe_idx.t (id int); CREATE INDEX users ON probe_idx.t (id)`);
    await installProbes(client);
    await takeCapturedContent(client);
    await client.query('ALTER INDEX probe_idx.users SET (fillfactor = 90)');
    await client.query('DROP INDEX probe_idx.users');
    expect(Object.keys(await takeCapturedContent(client))).toEqual([]);
    // The same name in a statement that can change values is still matched.
    await client.query('ALTER TABLE public.users ADD COLUMN probe_idx_unused int');
    expect(Object.keys(await takeCapturedContent(client))).toEqual(['public.users']);
    await client.query(
      'ALTER TABLE public.users DROP COLUMN probe_idx_unused; DROP SCHEMA probe_idx CASCADE',
    );
  });

  it('does not summarise a table an ALTER TABLE only references, nor one without rows', async () => {
    await client.query(`DROP TABLE IF EXISTS public.probe_child, public.probe_empty;
      CREATE TABLE public.probe_child (id int, u int); INSERT INTO public.probe_child VALUES (1, NULL);
      CREATE TABLE public.probe_empty (id int)`);
    await installProbes(client);
    await takeCapturedContent(client);
    // users is the new foreign key's parent: its values cannot change.
    await client.query(
      'ALTER TABLE ONLY public.probe_child ADD CONSTRAINT probe_child_u FOREIGN KEY (u) REFERENCES public.users (id)',
    );
    await client.query('ALTER TABLE public.probe_empty ADD COLUMN note text; DROP TABLE public.probe_empty');
    expect(Object.keys(await takeCapturedContent(client))).toEqual(['public.probe_child']);
    // A form the pattern does not read (a comment inside the command) falls back to every name.
    await client.query('ALTER /* users */ TABLE public.probe_child DROP CONSTRAINT probe_child_u');
    expect(Object.keys(await takeCapturedContent(client)).sort()).toEqual([
      'public.probe_child',
      'public.users',
    ]);
    await client.query('DROP TABLE public.probe_child');
  });

  /** The same round trip, with the before-content captured server-side for the tables the DDL names. */
  async function capturedRoundTrip(up: string, down: string): Promise<DataLoss[]> {
    await installProbes(client);
    await takeCapturedContent(client);
    await client.query(up);
    await client.query(down);
    const before = await takeCapturedContent(client);
    const schema = await pgSchemaOf(db.url);
    const tables = Object.keys(before).flatMap((key): [string, Table][] =>
      schema.tables[key] ? [[key, schema.tables[key]]] : [],
    );
    return compareContent(before, await postgresContent(client, tables));
  }

  it('summarises exactly as the client-side query does', async () => {
    await installProbes(client);
    await takeCapturedContent(client);
    await client.query('ALTER TABLE public.users ADD COLUMN unused int');
    const captured = await takeCapturedContent(client);
    await client.query('ALTER TABLE public.users DROP COLUMN unused');
    const schema = await pgSchemaOf(db.url);
    const direct = await postgresContent(client, [['public.users', schema.tables['public.users']!]]);
    expect(Object.keys(captured)).toEqual(['public.users']);
    expect(captured['public.users']).toEqual(direct['public.users']);
  });

  it('finds a column dropped and re-created empty, and a table dropped and re-created empty', async () => {
    const column = await capturedRoundTrip(
      'ALTER TABLE public.users DROP COLUMN bio',
      'ALTER TABLE public.users ADD COLUMN bio text',
    );
    expect(column).toEqual([
      expect.objectContaining({ table: 'public.users', column: 'bio', kind: 'nulled' }),
    ]);
    await client.query('INSERT INTO public.notes VALUES (1), (2)');
    const table = await capturedRoundTrip('DROP TABLE public.notes', 'CREATE TABLE public.notes (id int)');
    expect(table).toEqual([expect.objectContaining({ table: 'public.notes', column: null, kind: 'rows' })]);
  });

  it('is quiet for a round trip that keeps the data, and captures only the tables the DDL names', async () => {
    await installProbes(client);
    await takeCapturedContent(client);
    await client.query('ALTER TABLE public.users RENAME COLUMN bio TO about');
    await client.query('ALTER TABLE public.users RENAME COLUMN about TO bio');
    expect(Object.keys(await takeCapturedContent(client))).toEqual(['public.users']);
    expect(
      await capturedRoundTrip(
        'ALTER TABLE public.users ALTER COLUMN email TYPE text',
        'ALTER TABLE public.users ALTER COLUMN email TYPE varchar(60)',
      ),
    ).toEqual([]);
  });
});
