/**
 * The SQL shown per revision on a branched history (fixtures/alembic/branches: two branches and
 * their merge, a second root that depends_on one branch, two heads, a declared-irreversible
 * downgrade, a revision that cannot render offline, and an env.py whose offline branch runs a
 * statement of its own before the migrations). The driver renders a range of revisions per env.py
 * run; each revision must still show exactly what a run of its own shows.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { createAlembicMigrator } from '../../src/migrators/alembic.js';
import type { Migration, Migrator } from '../../src/migrators/migrator.js';
import { fixture, recordingLogger, testOptions, throwaway } from './helpers.js';

const created: ThrowawayDatabase[] = [];
afterAll(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});

const SET = "SET lock_timeout = '5s'";
const table = (name: string) => `CREATE TABLE ${name} (\n    id SERIAL NOT NULL, \n    PRIMARY KEY (id)\n)`;

/** What each revision shows, up and down (null: not run down, as the check does not). */
const EXPECTED: Record<string, { up: string[]; down: string[] | null }> = {
  a1: { up: [SET, table('a')], down: [SET, 'DROP TABLE a'] },
  b1: { up: [SET, table('b')], down: [SET, 'DROP TABLE b'] },
  c1: { up: [SET, table('c')], down: [SET, 'DROP TABLE c'] },
  m1: { up: [SET, 'ALTER TABLE a ADD COLUMN note TEXT'], down: [SET, 'ALTER TABLE a DROP COLUMN note'] },
  e1: { up: [SET, 'ALTER TABLE a DROP COLUMN note'], down: null },
  // It reads rows through op.get_bind(), so offline mode cannot render it: what ran is shown.
  f1: { up: ['SELECT id FROM a'], down: [SET, 'UPDATE a SET id = id'] },
  g1: { up: [SET, table('g')], down: [SET, 'DROP TABLE g'] },
  d1: {
    up: [
      SET,
      'CREATE TABLE d (\n    id SERIAL NOT NULL, \n    b_id INTEGER, \n    PRIMARY KEY (id), \n    FOREIGN KEY(b_id) REFERENCES b (id)\n)',
    ],
    down: [SET, 'DROP TABLE d'],
  },
  d2: { up: [SET, 'CREATE INDEX ix_d_b_id ON d (b_id)'], down: [SET, 'DROP INDEX ix_d_b_id'] },
};

/**
 * Checks migrations[from..] as a lane does: the ones before `from` applied up first, then each
 * one up, down (when reversible) and up again. Returns what each checked revision showed.
 */
async function walk(migrator: Migrator, migrations: Migration[], from: number) {
  const db = await throwaway('postgres');
  created.push(db);
  const session = await migrator.open(db);
  const shown: Record<string, { up: string[]; down: string[] | null; again: string[] }> = {};
  try {
    for (const m of migrations.slice(0, from)) await session.up(m);
    for (const m of migrations.slice(from)) {
      const up = (await session.up(m)).statements;
      const down = m.reversible ? (await session.down(m)).statements : null;
      const again = m.reversible ? (await session.up(m)).statements : up;
      shown[m.id] = { up, down, again };
    }
  } finally {
    await session.close();
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const heads = (await c.query('SELECT version_num FROM alembic_version ORDER BY 1')).rows;
  await c.end();
  return { shown, heads: heads.map((r) => r.version_num) };
}

describe('Alembic on a branched history', () => {
  it('shows each revision the SQL a run of its own renders, from the first revision and from the middle', async () => {
    const migrator = await createAlembicMigrator(
      testOptions(fixture('alembic', 'branches')),
      recordingLogger(),
    );
    try {
      const migrations = await migrator.list();
      expect(migrations.map((m) => m.id)).toEqual(['a1', 'b1', 'c1', 'm1', 'e1', 'f1', 'g1', 'd1', 'd2']);
      expect(migrations.find((m) => m.id === 'e1')).toMatchObject({
        reversible: false,
        irreversibleDeclared: true,
      });

      // From the start (lane 1), and from the merge's next revision on (a later lane).
      for (const from of [0, 4]) {
        const { shown, heads } = await walk(migrator, migrations, from);
        const expected = Object.fromEntries(
          Object.entries(EXPECTED)
            .slice(from)
            .map(([id, e]) => [id, { ...e, again: e.up }]),
        );
        expect(shown, `checked from revision ${from + 1}`).toEqual(expected);
        expect(heads).toEqual(['d2', 'g1']);
      }
    } finally {
      await migrator.release?.();
    }
  });
});
