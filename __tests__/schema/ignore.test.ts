/** `--ignore` patterns, on schemas shaped like the dialects' snapshots. */
import { describe, expect, it } from 'vitest';
import { checkDrift, describeDrift, groupDrift } from '../../src/checks/drift.js';
import { UsageError } from '../../src/errors.js';
import { applyIgnore, parseIgnore } from '../../src/schema/ignore.js';
import {
  type Column,
  type EngineName,
  emptySchema,
  type Schema,
  type Table,
} from '../../src/schema/model.js';

function column(name: string, type = 'integer'): Column {
  return {
    name,
    position: 1,
    type,
    nullable: true,
    default: null,
    identity: null,
    generated: null,
    collation: null,
  };
}

function table(schema: string, name: string, columns: string[] = ['id']): Table {
  return {
    schema,
    name,
    kind: 'table',
    columns: Object.fromEntries(columns.map((c) => [c, column(c)])),
    constraints: {},
    indexes: {
      [`${name}_tmp_idx`]: {
        name: `${name}_tmp_idx`,
        definition: 'USING btree (id)',
        unique: false,
        method: 'btree',
        columns: ['id'],
      },
    },
    triggers: { audit_trigger: { name: 'audit_trigger', definition: 'AFTER INSERT' } },
    policies: {},
    options: {},
  };
}

function pgSchema(): Schema {
  const s = emptySchema('postgres');
  for (const [ns, name] of [
    ['public', 'users'],
    ['public', 'spatial_ref_sys'],
    ['public', 'audit_log'],
    ['audit', 'audit_events'],
    ['public', 'legacy_orders'],
  ] as const) {
    s.tables[`${ns}.${name}`] = table(ns, name, ['id', 'legacy_code']);
  }
  s.extensions.postgis = { name: 'postgis', schema: 'public', version: '3.4' };
  s.views['public.legacy_view'] = {
    schema: 'public',
    name: 'legacy_view',
    materialized: false,
    definition: 'SELECT 1',
    columns: [],
    indexes: {},
  };
  return s;
}

function mysqlSchema(engine: EngineName = 'mariadb'): Schema {
  const s = emptySchema(engine);
  for (const name of ['users', 'audit_log', 'legacy_orders']) s.tables[name] = table('', name);
  return s;
}

const keys = (s: Schema) =>
  [...Object.keys(s.tables), ...Object.keys(s.views), ...Object.keys(s.extensions)].sort();

describe('--ignore', () => {
  it('matches top-level objects by schema.name, by name in any schema, and by kind', () => {
    const s = pgSchema();
    expect(keys(applyIgnore(s, parseIgnore(['public.spatial_ref_sys'])))).not.toContain(
      'public.spatial_ref_sys',
    );
    expect(keys(applyIgnore(s, parseIgnore(['*.audit_*'])))).toEqual([
      'postgis',
      'public.legacy_orders',
      'public.legacy_view',
      'public.spatial_ref_sys',
      'public.users',
    ]);
    // Without a kind every kind matches; `table:` leaves the view of the same pattern alone.
    expect(keys(applyIgnore(s, parseIgnore(['legacy_*'])))).not.toContain('public.legacy_view');
    const tablesOnly = applyIgnore(s, parseIgnore(['table:legacy_*']));
    expect(keys(tablesOnly)).toContain('public.legacy_view');
    expect(keys(tablesOnly)).not.toContain('public.legacy_orders');
    expect(keys(applyIgnore(s, parseIgnore(['extension:postgis'])))).not.toContain('postgis');
  });

  it('matches columns, indexes and triggers inside tables', () => {
    const s = applyIgnore(
      pgSchema(),
      parseIgnore(['column:*.legacy_code', 'index:public.*.*_tmp_idx', 'trigger:audit_*.*']),
    );
    expect(Object.keys(s.tables['public.users']!.columns)).toEqual(['id']);
    expect(Object.keys(s.tables['public.users']!.indexes)).toEqual([]);
    expect(Object.keys(s.tables['audit.audit_events']!.indexes)).toEqual(['audit_events_tmp_idx']);
    expect(Object.keys(s.tables['public.audit_log']!.triggers)).toEqual([]);
    expect(Object.keys(s.tables['public.users']!.triggers)).toEqual(['audit_trigger']);
  });

  it('on MySQL and MariaDB, objects have no schema: only a bare name or `*.` matches', () => {
    const s = mysqlSchema();
    expect(keys(applyIgnore(s, parseIgnore(['*.audit_*'])))).toEqual(['legacy_orders', 'users']);
    expect(keys(applyIgnore(s, parseIgnore(['legacy_orders'])))).toEqual(['audit_log', 'users']);
    expect(keys(applyIgnore(s, parseIgnore(['public.legacy_orders'])))).toEqual([
      'audit_log',
      'legacy_orders',
      'users',
    ]);
  });

  it('refuses a pattern it cannot read, naming it', () => {
    expect(() => parseIgnore(['tabel:users'])).toThrow(UsageError);
    expect(() => parseIgnore(['tabel:users'])).toThrow("--ignore tabel:users: unknown kind 'tabel'");
    expect(() => parseIgnore(['column:users'])).toThrow(
      'a column pattern is TABLE.NAME or SCHEMA.TABLE.NAME',
    );
    expect(() => parseIgnore(['a.b.c'])).toThrow('expected NAME or SCHEMA.NAME');
    expect(() => parseIgnore(['public.'])).toThrow('empty name');
  });

  it('leaves ignored objects out of the drift check and its SQL', async () => {
    const migrated = pgSchema();
    const models = pgSchema();
    delete models.tables['public.spatial_ref_sys'];
    delete models.tables['public.legacy_orders'];
    models.tables['public.users']!.columns.nickname = column('nickname', 'text');
    const all = await checkDrift({ migrated, models, ignore: [], mode: 'fail', source: 'schema.sql' });
    expect(all.differences.map((d) => d.object)).toEqual([
      'table public.legacy_orders',
      'table public.spatial_ref_sys',
      'column public.users.nickname',
    ]);
    const some = await checkDrift({
      migrated,
      models,
      ignore: ['public.spatial_ref_sys', 'table:legacy_*'],
      mode: 'warn',
      source: 'schema.sql',
    });
    expect(some.status).toBe('warn');
    expect(some.differences.map(describeDrift)).toEqual([
      'column public.users.nickname: migrations give no such column, models say text',
    ]);
    expect(some.sql).toEqual([
      { sql: 'ALTER TABLE public.users ADD COLUMN nickname text', destructive: false },
    ]);
    expect(groupDrift(all.differences).map((g) => [g.object, g.lines.length])).toEqual([
      ['table public.legacy_orders', 1],
      ['table public.spatial_ref_sys', 1],
      ['table public.users', 1],
    ]);
  });

  it('passes when everything that differs is ignored', async () => {
    const models = pgSchema();
    delete models.tables['public.spatial_ref_sys'];
    const report = await checkDrift({
      migrated: pgSchema(),
      models,
      ignore: ['spatial_ref_sys'],
      mode: 'fail',
      source: 'x',
    });
    expect(report).toEqual({ status: 'pass', source: 'x', differences: [], sql: [] });
  });
});
