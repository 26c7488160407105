/**
 * The safety proof of scoped snapshots: after each step of DDL (run on other connections, as a
 * migration tool would), applyScope(previous, snapshot(collect()), collect()) must equal a full
 * snapshot. Where a step can be narrowed, the scope must actually be narrow, so that the test also
 * shows the optimisation is used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeTracker, Introspector } from '../../../src/dialects/dialect.js';
import { postgresDialect } from '../../../src/dialects/postgres/index.js';
import { diff } from '../../../src/schema/diff.js';
import { applyScope, type Schema, type Scope } from '../../../src/schema/model.js';
import { pgExec, type TestDatabase } from '../../helpers/servers.js';
import { createPgDatabaseFrom } from './pg-helpers.js';

interface Step {
  name: string;
  sql: string;
  /** `all`: the tracker must give up; otherwise keys that the scope must hold (`tables:public.users`). */
  scope: 'all' | string[];
}

const STEPS: Step[] = [
  {
    name: 'create tables with serial, unique, FK',
    sql: `CREATE TABLE public.teams (id serial PRIMARY KEY, name text UNIQUE);
          CREATE TABLE public.users (id serial PRIMARY KEY, email text, name text, team_id int REFERENCES public.teams (id))`,
    scope: ['tables:public.teams', 'tables:public.users', 'sequences:public.users_id_seq'],
  },
  {
    name: 'add index',
    sql: 'CREATE INDEX users_name_idx ON public.users (name)',
    scope: ['tables:public.users'],
  },
  { name: 'drop index', sql: 'DROP INDEX public.users_name_idx', scope: ['tables:public.users'] },
  {
    name: 'create and drop an index in one step',
    sql: 'CREATE INDEX users_tmp_idx ON public.users (email); DROP INDEX public.users_tmp_idx',
    scope: ['tables:public.users'],
  },
  {
    name: 'alter column type',
    sql: 'ALTER TABLE public.users ALTER COLUMN name TYPE varchar(200)',
    scope: ['tables:public.users'],
  },
  {
    name: 'set default',
    sql: "ALTER TABLE public.users ALTER COLUMN email SET DEFAULT 'x'",
    scope: ['tables:public.users'],
  },
  {
    name: 'drop default',
    sql: 'ALTER TABLE public.users ALTER COLUMN email DROP DEFAULT',
    scope: ['tables:public.users'],
  },
  {
    name: 'comment on column',
    sql: "COMMENT ON COLUMN public.users.email IS 'mail'",
    scope: ['tables:public.users'],
  },
  {
    name: 'unique constraint added then dropped',
    sql: 'ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email)',
    scope: ['tables:public.users'],
  },
  {
    name: 'drop constraint',
    sql: 'ALTER TABLE public.users DROP CONSTRAINT users_email_key',
    scope: ['tables:public.users'],
  },
  {
    name: 'create enum and use it',
    sql: "CREATE TYPE public.mood AS ENUM ('sad', 'ok'); ALTER TABLE public.users ADD COLUMN mood public.mood DEFAULT 'ok'",
    scope: ['enums:public.mood', 'tables:public.users'],
  },
  { name: 'add enum label', sql: "ALTER TYPE public.mood ADD VALUE 'happy'", scope: ['enums:public.mood'] },
  {
    name: 'rename enum label (defaults render it)',
    sql: "ALTER TYPE public.mood RENAME VALUE 'ok' TO 'fine'",
    scope: ['enums:public.mood', 'tables:public.users'],
  },
  {
    name: 'view on users',
    sql: 'CREATE VIEW public.named_users AS SELECT id, name FROM public.users WHERE name IS NOT NULL',
    scope: ['views:public.named_users'],
  },
  {
    name: 'replace view',
    sql: 'CREATE OR REPLACE VIEW public.named_users AS SELECT id, name, email FROM public.users WHERE name IS NOT NULL',
    scope: ['views:public.named_users'],
  },
  {
    name: 'materialized view with an index',
    sql: 'CREATE MATERIALIZED VIEW public.counts AS SELECT team_id, count(*) AS n FROM public.users GROUP BY team_id; CREATE INDEX counts_team_idx ON public.counts (team_id)',
    scope: ['views:public.counts'],
  },
  {
    name: "drop the materialized view's index",
    sql: 'DROP INDEX public.counts_team_idx',
    scope: ['views:public.counts'],
  },
  {
    name: 'add a table that references users',
    sql: 'CREATE TABLE public.posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES public.users (id) ON DELETE CASCADE)',
    scope: ['tables:public.posts'],
  },
  {
    name: "identity's increment",
    sql: 'ALTER TABLE public.posts ALTER COLUMN id SET INCREMENT BY 10',
    scope: ['tables:public.posts'],
  },
  {
    name: 'identity sequence altered directly',
    sql: 'ALTER SEQUENCE public.posts_id_seq CACHE 5',
    scope: ['tables:public.posts'],
  },
  { name: 'rename table', sql: 'ALTER TABLE public.posts RENAME TO articles', scope: 'all' },
  {
    name: 'rename column',
    sql: 'ALTER TABLE public.articles RENAME COLUMN user_id TO author_id',
    scope: 'all',
  },
  {
    name: 'drop column with a dependent view',
    sql: 'ALTER TABLE public.users DROP COLUMN email CASCADE',
    scope: ['tables:public.users', 'views:public.named_users'],
  },
  {
    name: 'function and trigger',
    sql: `CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
          CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch()`,
    scope: ['routines:public.touch()', 'tables:public.users'],
  },
  {
    name: 'drop function cascade (drops the trigger)',
    sql: 'DROP FUNCTION public.touch() CASCADE',
    scope: ['routines:public.touch()', 'tables:public.users'],
  },
  {
    name: 'policy',
    sql: 'ALTER TABLE public.users ENABLE ROW LEVEL SECURITY; CREATE POLICY own ON public.users USING (true)',
    scope: ['tables:public.users'],
  },
  { name: 'drop policy', sql: 'DROP POLICY own ON public.users', scope: ['tables:public.users'] },
  {
    name: 'standalone sequence',
    sql: 'CREATE SEQUENCE public.counter; ALTER SEQUENCE public.counter INCREMENT BY 3',
    scope: ['sequences:public.counter'],
  },
  { name: 'drop sequence', sql: 'DROP SEQUENCE public.counter', scope: ['sequences:public.counter'] },
  {
    name: 'domain',
    sql: "CREATE DOMAIN public.email AS text CHECK (VALUE ~ '@'); ALTER DOMAIN public.email ADD CONSTRAINT short CHECK (length(VALUE) < 100)",
    scope: ['types:public.email'],
  },
  { name: 'drop domain', sql: 'DROP DOMAIN public.email', scope: ['types:public.email'] },
  {
    name: 'schema with a table',
    sql: 'CREATE SCHEMA app; CREATE TABLE app.things (id int PRIMARY KEY, user_id int REFERENCES public.users (id))',
    scope: ['namespaces:app', 'tables:app.things'],
  },
  {
    name: 'drop schema cascade',
    sql: 'DROP SCHEMA app CASCADE',
    scope: ['namespaces:app', 'tables:app.things'],
  },
  {
    name: 'partitioned table',
    sql: `CREATE TABLE public.events (id int, at date) PARTITION BY RANGE (at);
          CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
    scope: ['tables:public.events', 'tables:public.events_2024'],
  },
  {
    name: 'index on the partitioned parent (propagates to partitions)',
    sql: 'CREATE INDEX events_at_idx ON public.events (at)',
    scope: ['tables:public.events', 'tables:public.events_2024'],
  },
  {
    name: 'column on the partitioned parent (propagates)',
    sql: 'ALTER TABLE public.events ADD COLUMN note text',
    scope: ['tables:public.events', 'tables:public.events_2024'],
  },
  {
    name: 'detach partition',
    sql: 'ALTER TABLE public.events DETACH PARTITION public.events_2024',
    scope: ['tables:public.events', 'tables:public.events_2024'],
  },
  { name: 'extension', sql: 'CREATE EXTENSION citext', scope: ['extensions:citext'] },
  { name: 'drop extension', sql: 'DROP EXTENSION citext', scope: ['extensions:citext'] },
  {
    // Data migrations set this to skip foreign-key triggers; the event triggers must still fire.
    name: 'DDL with session_replication_role = replica',
    sql: `SET session_replication_role = replica; CREATE TABLE public.replica_t (id int);
          ALTER TABLE public.users ADD COLUMN replica_c int; RESET session_replication_role`,
    scope: ['tables:public.replica_t', 'tables:public.users'],
  },
  {
    name: 'drops with session_replication_role = replica',
    sql: `SET session_replication_role = replica; DROP TABLE public.replica_t;
          ALTER TABLE public.users DROP COLUMN replica_c; RESET session_replication_role`,
    scope: ['tables:public.replica_t', 'tables:public.users'],
  },
  {
    name: 'bookkeeping table',
    sql: 'CREATE TABLE public.knex_migrations (id serial PRIMARY KEY, name text)',
    scope: ['tables:public.knex_migrations'],
  },
  { name: 'grant (no schema change)', sql: 'GRANT SELECT ON public.users TO PUBLIC', scope: [] },
  {
    name: 'create and drop a table in one step',
    sql: 'CREATE TABLE public.tmp (id serial); DROP TABLE public.tmp',
    scope: ['tables:public.tmp'],
  },
  {
    name: 'drop table referenced by others',
    sql: 'DROP TABLE public.teams CASCADE',
    scope: ['tables:public.teams', 'tables:public.users'],
  },
  {
    name: 'composite type and a typed table',
    sql: 'CREATE TYPE public.pair AS (a int, b text); CREATE TABLE public.pairs OF public.pair',
    scope: ['types:public.pair', 'tables:public.pairs'],
  },
  {
    name: 'composite attribute added, cascading to the typed table',
    sql: 'ALTER TYPE public.pair ADD ATTRIBUTE c boolean CASCADE',
    scope: ['types:public.pair', 'tables:public.pairs'],
  },
  {
    name: 'DDL inside a DO block',
    sql: "DO $$ BEGIN EXECUTE 'CREATE INDEX pairs_a_idx ON public.pairs (a)'; END $$",
    scope: ['tables:public.pairs'],
  },
  { name: 'data only', sql: 'INSERT INTO public.pairs VALUES (1, $$x$$, true)', scope: [] },
  {
    name: 'move a table to another schema',
    sql: 'CREATE SCHEMA archive; ALTER TABLE public.pairs SET SCHEMA archive',
    scope: 'all',
  },
  { name: 'drop table', sql: 'DROP TABLE public.articles', scope: ['tables:public.articles'] },
];

function flatten(scope: Scope): string[] {
  if (scope.all) return ['all'];
  return Object.entries(scope.objects).flatMap(([collection, keys]) =>
    (keys ?? []).map((k) => `${collection}:${k}`),
  );
}

let db: TestDatabase;
let tracker: (ChangeTracker & { close(): Promise<void> }) | null;
let introspector: Introspector;

beforeAll(async () => {
  db = await createPgDatabaseFrom();
  tracker = await postgresDialect.tracker(db.url);
  introspector = await postgresDialect.introspector(db.url);
});

afterAll(async () => {
  await introspector?.close();
  await tracker?.close();
  await db?.drop();
});

describe('postgres change tracker', () => {
  it('is installed for a superuser', () => {
    expect(tracker).not.toBeNull();
  });

  it('scoped snapshots rebuild the full snapshot after every step', async () => {
    let previous: Schema = await introspector.snapshot();
    for (const step of STEPS) {
      await tracker!.reset();
      await pgExec(db.url, step.sql);
      const scope = await tracker!.collect();
      const partial = await introspector.snapshot(scope);
      // The one-flight path (collect, then the scoped queries reading its scope) sees the same.
      const seen = await tracker!.collectSnapshot!();
      expect(seen.scope, step.name).toEqual(scope);
      if (scope.all) expect(seen.schema, step.name).toBeNull();
      else expect(seen.schema, step.name).toEqual(partial);
      const merged = applyScope(previous, partial, scope);
      const full = await introspector.snapshot();
      expect(diff(full, merged), `${step.name}: scope ${JSON.stringify(scope)}`).toEqual([]);
      expect(merged, step.name).toEqual(full);
      if (step.scope === 'all') expect(scope.all, step.name).toBe(true);
      else {
        expect(scope.all, `${step.name}: scope should be narrow`).toBe(false);
        expect(flatten(scope), step.name).toEqual(expect.arrayContaining(step.scope));
      }
      previous = full;
    }
  });

  it('never shows its own objects in a snapshot', async () => {
    const snapshot = await introspector.snapshot();
    expect(JSON.stringify(snapshot)).not.toContain('_schemagate');
  });

  it('is idempotent: installing again keeps one set of event triggers and a working log', async () => {
    const second = await postgresDialect.tracker(db.url);
    try {
      await second!.reset();
      await pgExec(db.url, 'CREATE TABLE public.again (id int)');
      expect(flatten(await second!.collect())).toEqual(['tables:public.again']);
    } finally {
      await second?.close();
    }
  });

  it('returns null for a role that is not a superuser', async () => {
    const role = `sgtest_role_${Date.now()}`;
    await pgExec(db.url, `CREATE ROLE ${role} LOGIN; GRANT CONNECT ON DATABASE "${db.name}" TO ${role}`);
    try {
      const url = new URL(db.url);
      url.username = role;
      expect(await postgresDialect.tracker(url.toString())).toBeNull();
    } finally {
      await pgExec(db.url, `DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
});
