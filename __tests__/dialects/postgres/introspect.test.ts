/**
 * The Postgres introspection against the local server: each fixture changes one kind of object and
 * the diff must report exactly that change; snapshots of the same database are equal; bookkeeping
 * tables, extension members and the tracker's own schema never appear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Introspector } from '../../../src/dialects/dialect.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { describeDifference, diff } from '../../../src/schema/diff.js';
import type { Difference } from '../../../src/schema/difference.js';
import { restrictToScope, SCHEMA_COLLECTIONS, type Schema, type Scope } from '../../../src/schema/model.js';
import type { TestDatabase } from '../../helpers/servers.js';
import { pgExec } from '../../helpers/servers.js';
import { BASE_SQL, FIXTURES } from './fixtures.js';
import { createPgDatabaseFrom } from './pg-helpers.js';

function label(d: Difference): string {
  return d.change === 'changed' ? `changed ${d.object} ${d.attribute}` : `${d.change} ${d.object}`;
}

async function snapshotOf(url: string, options?: { excludeTables?: string[] }): Promise<Schema> {
  const introspector = await postgresDialect.introspector(url, options);
  try {
    return await introspector.snapshot();
  } finally {
    await introspector.close();
  }
}

let template: TestDatabase;
let base: Schema;

beforeAll(async () => {
  template = await createPgDatabaseFrom();
  await pgExec(template.url, BASE_SQL);
  base = await snapshotOf(template.url);
});

afterAll(async () => {
  await template?.drop();
});

describe('postgres snapshot of the base schema', () => {
  it('is equal to a second snapshot of the same database, and diffs empty against itself', async () => {
    const again = await snapshotOf(template.url);
    expect(again).toEqual(base);
    expect(diff(base, again)).toEqual([]);
  });

  it('covers every kind of object, schema-qualified, in every user schema', () => {
    expect(Object.keys(base.namespaces).sort()).toEqual(['app', 'public']);
    expect(base.namespaces.app?.comment).toBe('application');
    expect(Object.keys(base.tables).sort()).toEqual([
      'app.things',
      'public.audit_log',
      'public.events',
      'public.events_2024',
      'public.teams',
      'public.users',
    ]);
    const users = base.tables['public.users']!;
    expect(users.columns.id).toMatchObject({ type: 'bigint', nullable: false, identity: 'by default' });
    expect(users.columns.email).toMatchObject({ type: 'public.email', nullable: false });
    expect(users.columns.created_at?.default).toBe('now()');
    expect(users.constraints.users_team_id_fkey).toMatchObject({
      kind: 'foreign key',
      generatedName: true,
      foreignKey: { table: 'public.teams', columns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
    });
    expect(users.indexes.users_email_key).toMatchObject({
      definition: 'UNIQUE USING btree (email)',
      constraint: 'users_email_key',
    });
    expect(users.indexes.users_name_lookup_idx).toMatchObject({
      definition: 'USING btree (name)',
      constraint: null,
    });
    expect(users.options).toEqual({ rls: 'enabled' });
    expect(users.comment).toBe('people');
    expect(Object.keys(users.triggers)).toEqual(['users_touch']);
    expect(Object.keys(users.policies)).toEqual(['users_own']);
    expect(base.tables['app.things']!.constraints.things_owner_id_fkey?.foreignKey?.onDelete).toBe('cascade');
    expect(base.tables['public.events']!.kind).toBe('partitioned table');
    expect(base.tables['public.events_2024']!.options['partition of']).toMatch(
      /^public\.events FOR VALUES FROM/,
    );
    expect(base.enums['public.mood']!.values).toEqual(['sad', 'ok', 'happy']);
    expect(base.types['public.email']!.kind).toBe('domain');
    expect(base.types['public.pair']!.definition).toBe('(a integer, b text)');
    expect(base.sequences['public.counter']).toMatchObject({ increment: '1', ownedBy: null });
    expect(base.sequences['public.teams_id_seq']?.ownedBy).toBe('public.teams.id');
    expect(base.views['public.active_users']!.materialized).toBe(false);
    expect(base.views['public.team_sizes']!.materialized).toBe(true);
    expect(Object.keys(base.routines).sort()).toEqual(['public.add(a integer, b integer)', 'public.touch()']);
    expect(base.extensions.pgcrypto?.schema).toBe('public');
  });

  it('leaves out bookkeeping tables (in any schema) with their sequences, and identity sequences', () => {
    const keys = [...Object.keys(base.tables), ...Object.keys(base.sequences)];
    expect(keys.filter((k) => /knex_migrations|alembic_version/.test(k))).toEqual([]);
    expect(Object.keys(base.sequences).sort()).toEqual(['public.counter', 'public.teams_id_seq']);
  });

  it('leaves out the objects of extensions', () => {
    // pgcrypto creates dozens of functions in public; none of them is the migration's.
    expect(Object.keys(base.routines).some((k) => k.startsWith('public.digest('))).toBe(false);
  });

  it('leaves out tables named in excludeTables', async () => {
    const snapshot = await snapshotOf(template.url, { excludeTables: ['audit_log'] });
    expect(snapshot.tables['public.audit_log']).toBeUndefined();
    expect(diff(base, snapshot).map(label)).toEqual(['removed table public.audit_log']);
  });
});

describe('postgres scoped snapshots', () => {
  it('hold exactly the object named, for every object of every collection', async () => {
    const introspector = await postgresDialect.introspector(template.url);
    try {
      for (const collection of SCHEMA_COLLECTIONS) {
        for (const key of Object.keys(base[collection])) {
          const scope: Scope = { all: false, objects: { [collection]: [key] } };
          const partial = await introspector.snapshot(scope);
          expect(restrictToScope(partial, scope), `${collection} ${key}`).toEqual(
            restrictToScope(base, scope),
          );
          expect(Object.keys(partial[collection]), `${collection} ${key}`).toEqual([key]);
        }
      }
    } finally {
      await introspector.close();
    }
  });

  it('find objects whose schema and names hold dots, and nothing for a key that is not there', async () => {
    const db = await createPgDatabaseFrom();
    const introspector = await postgresDialect.introspector(db.url);
    try {
      await pgExec(
        db.url,
        `CREATE SCHEMA "sg.dotted"; CREATE TABLE "sg.dotted"."t.1" (id int PRIMARY KEY, v text);
         CREATE INDEX "t.1_v_idx" ON "sg.dotted"."t.1" (v); CREATE TYPE "sg.dotted"."e.num" AS ENUM ('a');
         CREATE FUNCTION "sg.dotted"."f.x"(a int) RETURNS int LANGUAGE sql AS 'SELECT a'`,
      );
      const full = await introspector.snapshot();
      const scope: Scope = {
        all: false,
        objects: {
          tables: ['sg.dotted.t.1', 'sg.dotted.absent'],
          enums: ['sg.dotted.e.num'],
          routines: ['sg.dotted.f.x(a integer)'],
          namespaces: ['sg.dotted'],
        },
      };
      expect(Object.keys(full.tables)).toEqual(['sg.dotted.t.1']);
      const partial = await introspector.snapshot(scope);
      expect(partial).toEqual(restrictToScope(full, scope));
      expect(Object.keys(partial.tables)).toEqual(['sg.dotted.t.1']);
      expect(Object.keys(partial.routines)).toEqual(['sg.dotted.f.x(a integer)']);
    } finally {
      await introspector.close();
      await db.drop();
    }
  });
});

describe('postgres: one change of one kind is reported as exactly that change', () => {
  for (const fixture of FIXTURES) {
    it(fixture.name, async () => {
      const db = await createPgDatabaseFrom(template.name);
      let introspector: Introspector | undefined;
      try {
        await pgExec(db.url, fixture.sql);
        introspector = await postgresDialect.introspector(db.url);
        const after = await introspector.snapshot();
        const differences = diff(base, after);
        expect(differences.map(label), differences.map(describeDifference).join('\n')).toEqual(
          fixture.expected,
        );
        // And the changed schema is stable: a second snapshot is equal and diffs empty.
        const again = await introspector.snapshot();
        expect(again).toEqual(after);
        expect(diff(after, again)).toEqual([]);
        // The reverse direction reports the same objects.
        expect(diff(after, base).map((d) => d.object)).toEqual(differences.map((d) => d.object));
      } finally {
        await introspector?.close();
        await db.drop();
      }
    });
  }
});

describe('postgres: values a reviewer reads', () => {
  it('gives before and after of an FK action and a view query', async () => {
    const db = await createPgDatabaseFrom(template.name);
    try {
      await pgExec(
        db.url,
        `ALTER TABLE public.users DROP CONSTRAINT users_team_id_fkey,
           ADD CONSTRAINT users_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams (id) ON DELETE SET NULL;
         DROP INDEX public.users_name_lookup_idx;`,
      );
      const lines = diff(base, await snapshotOf(db.url)).map(describeDifference);
      expect(lines).toEqual([
        'constraint users_team_id_fkey on public.users: on delete: no action -> set null',
        'index users_name_lookup_idx on public.users: removed (was: USING btree (name))',
      ]);
    } finally {
      await db.drop();
    }
  });

  it('treats RESTRICT like NO ACTION', async () => {
    const db = await createPgDatabaseFrom(template.name);
    try {
      await pgExec(
        db.url,
        `ALTER TABLE public.users DROP CONSTRAINT users_team_id_fkey,
           ADD CONSTRAINT users_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams (id) ON DELETE RESTRICT`,
      );
      expect(diff(base, await snapshotOf(db.url))).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('matches a renamed generated name by definition only when asked', async () => {
    const db = await createPgDatabaseFrom(template.name);
    try {
      await pgExec(
        db.url,
        'ALTER TABLE public.users RENAME CONSTRAINT users_team_id_fkey TO users_team_id_foreign',
      );
      const after = await snapshotOf(db.url);
      expect(diff(base, after).map(label)).toEqual([
        'removed constraint users_team_id_fkey on public.users',
        'added constraint users_team_id_foreign on public.users',
      ]);
      expect(diff(base, after, { matchGeneratedNamesByDefinition: true })).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
