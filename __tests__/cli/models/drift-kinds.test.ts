/**
 * Each kind of drift, through the real CLI on the real Postgres and MariaDB: a knex project whose
 * models (`--models models.js`) differ from its migrations in one way. The run fails (exit 1), the
 * JSON report names the difference precisely, the console shows it grouped by table in "migrations
 * give X, models say Y" words with the SQL that closes it, and `--write-migration` writes a knex
 * migration. That migration then passes schemagate's own check: with it in the folder, every
 * migration round-trips and the drift is gone.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Difference } from '../../../src/schema/difference.js';
import type { LocalEngine } from '../../helpers/targets.js';
import { check, copyFixture, ENGINES, leftoversAfterRun } from './harness.js';

type Expected = Pick<Difference, 'change' | 'kind' | 'object'> &
  Partial<Pick<Difference, 'attribute' | 'before' | 'after'>>;

interface Kind {
  fixture: string;
  /** The group the console shows the difference under. */
  table: Record<LocalEngine, string>;
  differences: Record<LocalEngine, Expected[]>;
  /** A line of the console's drift section, in the reviewer's words. */
  says: Record<LocalEngine, string>;
  /** Whether the SQL that closes the drift loses data. */
  destructive: boolean;
}

const KINDS: Kind[] = [
  {
    fixture: 'extra-column',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'added',
          kind: 'column',
          object: 'column public.users.nickname',
          after: 'character varying(50)',
        },
      ],
      mariadb: [{ change: 'added', kind: 'column', object: 'column users.nickname', after: 'varchar(50)' }],
    },
    says: {
      postgres:
        'column public.users.nickname: migrations give no such column, models say character varying(50)',
      mariadb: 'column users.nickname: migrations give no such column, models say varchar(50)',
    },
    destructive: false,
  },
  {
    fixture: 'type-length',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'changed',
          kind: 'column',
          object: 'column public.users.email',
          attribute: 'type',
          before: 'character varying(100)',
          after: 'character varying(255)',
        },
        {
          change: 'changed',
          kind: 'column',
          object: 'column public.users.score',
          attribute: 'type',
          before: 'bigint',
          after: 'integer',
        },
      ],
      mariadb: [
        {
          change: 'changed',
          kind: 'column',
          object: 'column users.email',
          attribute: 'type',
          before: 'varchar(100)',
          after: 'varchar(255)',
        },
        {
          change: 'changed',
          kind: 'column',
          object: 'column users.score',
          attribute: 'type',
          before: 'bigint',
          after: 'int',
        },
      ],
    },
    says: {
      postgres: 'column public.users.score: type: migrations give bigint, models say integer',
      mariadb: 'column users.score: type: migrations give bigint, models say int',
    },
    // bigint to integer narrows.
    destructive: true,
  },
  {
    fixture: 'missing-index',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'added',
          kind: 'index',
          object: 'index users_email_index on public.users',
          after: 'USING btree (email)',
        },
      ],
      mariadb: [
        {
          change: 'added',
          kind: 'index',
          object: 'index users_email_index on users',
          after: 'USING btree (email)',
        },
      ],
    },
    says: {
      postgres:
        'index users_email_index on public.users: migrations give no such index, models say USING btree (email)',
      mariadb:
        'index users_email_index on users: migrations give no such index, models say USING btree (email)',
    },
    destructive: false,
  },
  {
    fixture: 'different-default',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'changed',
          kind: 'column',
          object: 'column public.users.status',
          attribute: 'default',
          before: "'active'::character varying",
          after: "'pending'::character varying",
        },
      ],
      mariadb: [
        {
          change: 'changed',
          kind: 'column',
          object: 'column users.status',
          attribute: 'default',
          before: "'active'",
          after: "'pending'",
        },
      ],
    },
    says: {
      postgres:
        "column public.users.status: default: migrations give 'active'::character varying, models say 'pending'::character varying",
      mariadb: "column users.status: default: migrations give 'active', models say 'pending'",
    },
    destructive: false,
  },
  {
    fixture: 'different-nullability',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'changed',
          kind: 'column',
          object: 'column public.users.email',
          attribute: 'nullable',
          before: 'true',
          after: 'false',
        },
      ],
      mariadb: [
        {
          change: 'changed',
          kind: 'column',
          object: 'column users.email',
          attribute: 'nullable',
          before: 'true',
          after: 'false',
        },
      ],
    },
    says: {
      postgres: 'column public.users.email: nullable: migrations give NULL, models say NOT NULL',
      mariadb: 'column users.email: nullable: migrations give NULL, models say NOT NULL',
    },
    destructive: false,
  },
  {
    fixture: 'fk-action',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'changed',
          kind: 'constraint',
          object: 'constraint users_team_id_foreign on public.users',
          attribute: 'on delete',
          before: 'no action',
          after: 'cascade',
        },
      ],
      mariadb: [
        {
          change: 'changed',
          kind: 'constraint',
          object: 'constraint users_team_id_foreign on users',
          attribute: 'on delete',
          before: 'no action',
          after: 'cascade',
        },
      ],
    },
    says: {
      postgres:
        'constraint users_team_id_foreign on public.users: on delete: migrations give no action, models say cascade',
      mariadb:
        'constraint users_team_id_foreign on users: on delete: migrations give no action, models say cascade',
    },
    destructive: false,
  },
  {
    fixture: 'check-constraint',
    table: { postgres: 'table public.users', mariadb: 'table users' },
    differences: {
      postgres: [
        {
          change: 'added',
          kind: 'constraint',
          object: 'constraint users_score_check on public.users',
          after: 'CHECK ((score >= 0))',
        },
      ],
      mariadb: [
        {
          change: 'added',
          kind: 'constraint',
          object: 'constraint users_score_check on users',
          after: 'CHECK (`score` >= 0)',
        },
      ],
    },
    says: {
      postgres:
        'constraint users_score_check on public.users: migrations give no such constraint, models say CHECK ((score >= 0))',
      mariadb:
        'constraint users_score_check on users: migrations give no such constraint, models say CHECK (`score` >= 0)',
    },
    destructive: false,
  },
  {
    fixture: 'extra-table',
    table: { postgres: 'table public.tags', mariadb: 'table tags' },
    differences: {
      // Postgres: knex's increments() is a serial, so the table brings its sequence.
      postgres: [
        { change: 'added', kind: 'sequence', object: 'sequence public.tags_id_seq' },
        { change: 'added', kind: 'table', object: 'table public.tags' },
      ],
      mariadb: [{ change: 'added', kind: 'table', object: 'table tags' }],
    },
    says: {
      postgres: 'table public.tags: migrations give no such table, models say (id integer not null',
      mariadb: 'table tags: migrations give no such table, models say (id int unsigned not null',
    },
    destructive: false,
  },
  {
    fixture: 'dropped-table',
    table: { postgres: 'table public.legacy_notes', mariadb: 'table legacy_notes' },
    differences: {
      postgres: [
        { change: 'removed', kind: 'sequence', object: 'sequence public.legacy_notes_id_seq' },
        { change: 'removed', kind: 'table', object: 'table public.legacy_notes' },
      ],
      mariadb: [{ change: 'removed', kind: 'table', object: 'table legacy_notes' }],
    },
    says: {
      postgres: 'table public.legacy_notes: migrations give (id integer not null',
      mariadb: 'table legacy_notes: migrations give (id int unsigned not null',
    },
    // Dropping the table loses its rows.
    destructive: true,
  },
];

const byObject = (a: { object: string }, b: { object: string }) => a.object.localeCompare(b.object);

describe.each(ENGINES)('drift kinds through the CLI ($name)', (engine) => {
  const dirs: string[] = [];
  afterEach(async () => {
    expect(await leftoversAfterRun(engine)).toEqual([]);
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it.each(KINDS)('$fixture: reported, closed by the written knex migration', async (kind) => {
    const dir = await copyFixture(kind.fixture);
    dirs.push(dir);
    const args = ['--migrations', 'migrations', '--models', 'models.js', ...engine.args];

    // 1. The drift: exit 1, named precisely, shown with its SQL, and written as a migration.
    const drifted = await check(dir, [...args, '--write-migration', 'migrations']);
    expect(drifted.stderr).not.toMatch(/^schemagate: /m);
    expect(drifted.code).toBe(1);
    const drift = drifted.engine!.drift!;
    expect(drifted.engine!.migrations.map((m) => m.status)).toEqual(['pass']);
    expect(drift.status).toBe('fail');
    expect(drift.source).toBe('models.js');
    expect(drift.differences.toSorted(byObject)).toEqual(
      kind.differences[engine.engine].toSorted(byObject).map((d) => expect.objectContaining(d)),
    );
    expect(drift.sql.length).toBeGreaterThan(0);
    expect(drift.sql.some((s) => s.destructive)).toBe(kind.destructive);

    const out = drifted.stdout;
    expect(out).toContain('Drift between the migrations and the models (models.js)');
    expect(out).toContain(`    ${kind.table[engine.engine]}:\n`);
    expect(out).toContain(`      - ${kind.says[engine.engine]}`);
    for (const s of drift.sql) {
      const firstLine = s.sql.split('\n')[0]!;
      expect(out).toContain(firstLine);
      // The destructive statements, and only those, carry the mark.
      const line = out.split('\n').find((l) => l.includes(firstLine))!;
      expect(line.endsWith('-- DESTRUCTIVE: loses data')).toBe(s.destructive);
    }

    const written = (await readdir(path.join(dir, 'migrations'))).filter((f) =>
      f.includes('schemagate_drift'),
    );
    expect(written).toHaveLength(1);
    const file = `migrations/${written[0]}`;
    expect(drift.migrationFile).toBe(file);
    expect(out).toContain(`Wrote the knex migration that closes it: ${file}`);
    const text = await readFile(path.join(dir, file), 'utf8');
    expect(text.includes('// DESTRUCTIVE: loses data')).toBe(
      // up is destructive for this kind, or down is (it undoes an addition by dropping it).
      kind.destructive || /DROP (COLUMN|TABLE)/.test(text),
    );

    // 2. With the written migration: every migration round-trips (up, down, up) and no drift is left.
    const closed = await check(dir, args);
    expect(closed.stderr).not.toMatch(/^schemagate: /m);
    expect(closed.code).toBe(0);
    const migrations = closed.engine!.migrations;
    expect(migrations.map((m) => m.file)).toEqual(['migrations/001_create_tables.js', file]);
    for (const m of migrations) {
      expect(m.checks.map((c) => [c.check, c.status])).toEqual([
        ['up', 'pass'],
        ['round-trip', 'pass'],
        ['re-apply', 'pass'],
      ]);
    }
    expect(closed.engine!.drift).toMatchObject({ status: 'pass', differences: [], sql: [] });
    expect(closed.stdout).not.toContain('Drift');
  });
});
