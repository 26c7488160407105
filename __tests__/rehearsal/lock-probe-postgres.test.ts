/**
 * Lock hazards measured on a real Postgres with rows: each kind of blocking work is found with the
 * lock the migration's own backend held, and its safe twin is not reported (a text rule would flag
 * several of the twins, e.g. widening a varchar).
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hazardsOf, installProbes, quietOf, takeLockLog } from '../../src/dialects/postgres/lock-probe.js';
import type { Hazard } from '../../src/rehearsal/hazards.js';
import { hazardLine } from '../../src/rehearsal/hazards.js';
import { createPgDatabase, type TestDatabase } from '../helpers/servers.js';

let db: TestDatabase;
let migration: pg.Client;

const BASE = `
DROP TABLE IF EXISTS public.orders, public.users CASCADE;
CREATE TABLE public.users (id serial PRIMARY KEY, email varchar(100), n int);
CREATE TABLE public.orders (id serial PRIMARY KEY, user_id int, total int);
INSERT INTO public.users (email, n) SELECT 'u' || g, g FROM generate_series(1, 500) g;
INSERT INTO public.orders (user_id, total) SELECT 1 + g % 500, g FROM generate_series(1, 500) g;
CREATE TABLE IF NOT EXISTS public.empty_table (id int, v text);
`;

/** Runs one migration's statements in one transaction, as the tools do, and returns its hazards. */
async function measure(statements: string[], transaction = true): Promise<Hazard[]> {
  await takeLockLog(migration);
  if (transaction) await migration.query('BEGIN');
  for (const s of statements) await migration.query(s);
  if (transaction) await migration.query('COMMIT');
  return hazardsOf(await takeLockLog(migration), 'up');
}

beforeAll(async () => {
  db = await createPgDatabase();
  migration = new pg.Client({ connectionString: db.url });
  await migration.connect();
  await installProbes(migration);
});

beforeEach(async () => {
  await migration.query(BASE);
});

afterAll(async () => {
  await migration?.end();
  await db?.drop();
});

describe('measured lock hazards on Postgres', () => {
  it('an index built inside the lock: ShareLock, index-build, CREATE INDEX CONCURRENTLY', async () => {
    const hazards = await measure(['CREATE INDEX users_email ON public.users (email)']);
    expect(hazards).toEqual([
      expect.objectContaining({
        relation: 'public.users',
        lock: 'ShareLock',
        work: 'index-build',
        direction: 'up',
      }),
    ]);
    expect(hazardLine(hazards[0]!)).toBe(
      '🔒 ShareLock on public.users while building an index: blocks writes; use CREATE INDEX CONCURRENTLY, in its own migration that runs outside a transaction',
    );
  });

  it('its safe twin, CREATE INDEX CONCURRENTLY outside a transaction, and an index on an empty table: none', async () => {
    expect(await measure(['CREATE INDEX CONCURRENTLY users_email ON public.users (email)'], false)).toEqual(
      [],
    );
    expect(await measure(['CREATE INDEX empty_v ON public.empty_table (v)'])).toEqual([]);
  });

  it('a type change that rewrites the table: AccessExclusiveLock, rewrite', async () => {
    const hazards = await measure(['ALTER TABLE public.users ALTER COLUMN n TYPE bigint']);
    expect(hazards).toEqual([
      expect.objectContaining({ relation: 'public.users', lock: 'AccessExclusiveLock', work: 'rewrite' }),
    ]);
    expect(hazards[0]!.safer).toMatch(/new column/);
  });

  it('widening a varchar, adding a nullable column or one with a constant default: catalog only, none', async () => {
    expect(
      await measure([
        'ALTER TABLE public.users ALTER COLUMN email TYPE varchar(200)',
        'ALTER TABLE public.users ADD COLUMN note text',
        'ALTER TABLE public.users ADD COLUMN flag int NOT NULL DEFAULT 0',
      ]),
    ).toEqual([]);
  });

  it('a volatile default rewrites the table', async () => {
    const hazards = await measure([
      'ALTER TABLE public.users ADD COLUMN seen timestamptz DEFAULT clock_timestamp()',
    ]);
    expect(hazards).toEqual([expect.objectContaining({ work: 'rewrite', lock: 'AccessExclusiveLock' })]);
    expect(hazards[0]!.safer).toMatch(/without a default/);
  });

  it('a foreign key validated by reading every row: ShareRowExclusiveLock, scan; NOT VALID then VALIDATE: none', async () => {
    const hazards = await measure([
      'ALTER TABLE public.orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES public.users (id)',
    ]);
    expect(hazards).toContainEqual(
      expect.objectContaining({ relation: 'public.orders', lock: 'ShareRowExclusiveLock', work: 'scan' }),
    );
    expect(hazards[0]!.safer).toMatch(/NOT VALID, then VALIDATE/);
    await migration.query('ALTER TABLE public.orders DROP CONSTRAINT orders_user');
    expect(
      await measure([
        'ALTER TABLE public.orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID',
      ]),
    ).toEqual([]);
    // VALIDATE in its own migration holds ShareUpdateExclusiveLock on the table: writes go on.
    expect(await measure(['ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user'])).toEqual([]);
  });

  it('SET NOT NULL proved by a scan: AccessExclusiveLock, scan; with a valid CHECK it skips the scan: none', async () => {
    const hazards = await measure(['ALTER TABLE public.users ALTER COLUMN email SET NOT NULL']);
    expect(hazards).toEqual([expect.objectContaining({ lock: 'AccessExclusiveLock', work: 'scan' })]);
    expect(hazards[0]!.safer).toMatch(/CHECK \(column IS NOT NULL\) NOT VALID/);
    await migration.query('ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL');
    await measure(['ALTER TABLE public.users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID']);
    await measure(['ALTER TABLE public.users VALIDATE CONSTRAINT email_nn']);
    expect(await measure(['ALTER TABLE public.users ALTER COLUMN email SET NOT NULL'])).toEqual([]);
  });

  it('a CHECK constraint validated inside the lock: scan; the same VALIDATE in one transaction with a stronger lock: scan', async () => {
    const hazards = await measure(['ALTER TABLE public.users ADD CONSTRAINT n_pos CHECK (n > 0)']);
    expect(hazards).toEqual([expect.objectContaining({ lock: 'AccessExclusiveLock', work: 'scan' })]);
    const together = await measure([
      'ALTER TABLE public.users ADD CONSTRAINT n_small CHECK (n < 100000) NOT VALID',
      'ALTER TABLE public.users VALIDATE CONSTRAINT n_small',
    ]);
    expect(together).toEqual([expect.objectContaining({ lock: 'AccessExclusiveLock', work: 'scan' })]);
    expect(together[0]!.statement).toMatch(/VALIDATE CONSTRAINT/);
    expect(together[0]!.safer).toMatch(/migration of its own/);
  });

  it('says why it stays quiet about a statement only for the locks that statement took', async () => {
    await migration.query('BEGIN');
    await migration.query(
      'ALTER TABLE public.orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID',
    );
    await migration.query('ALTER TABLE public.orders ADD COLUMN note text');
    await migration.query('COMMIT');
    const quiet = quietOf(await takeLockLog(migration));
    // The foreign key took ShareRowExclusiveLock on users (and on orders, strengthened by the next
    // statement); the added column took AccessExclusiveLock on orders and nothing on users.
    const fk =
      'ALTER TABLE public.orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID';
    const briefly = 'only briefly (no rewrite, scan or index build measured)';
    expect([...quiet].sort()).toEqual([
      `ALTER TABLE public.orders ADD COLUMN note text: AccessExclusiveLock on public.orders ${briefly}`,
      `${fk}: ShareRowExclusiveLock on public.orders ${briefly}`,
      `${fk}: ShareRowExclusiveLock on public.users ${briefly}`,
    ]);
  });

  it('work done by an earlier transaction of the same connection is not charged to the next DDL', async () => {
    // A backend keeps its scan counts pending for up to a second after a transaction ends, so the
    // next transaction's first DDL sees them unless its baseline subtracts them.
    expect(await measure(['ALTER TABLE public.users ADD COLUMN note3 text'])).toEqual([]);
    await migration.query('SELECT count(*) FROM public.users');
    await migration.query('SELECT count(*) FROM public.orders WHERE total > 0');
    expect(
      await measure([
        'ALTER TABLE public.users ADD COLUMN note4 text',
        'ALTER TABLE public.orders ADD COLUMN note text',
      ]),
    ).toEqual([]);
    // And a scan that is the DDL's own is still measured after such a transaction.
    await migration.query('SELECT count(*) FROM public.users');
    expect(await measure(['ALTER TABLE public.users ALTER COLUMN n SET NOT NULL'])).toEqual([
      expect.objectContaining({ relation: 'public.users', work: 'scan', lock: 'AccessExclusiveLock' }),
    ]);
  });

  it('work done by a data statement before the DDL is not charged to it', async () => {
    expect(
      await measure([
        "UPDATE public.users SET email = email || '!'",
        'ALTER TABLE public.users ADD COLUMN note2 text',
      ]),
    ).toEqual([]);
  });
});
