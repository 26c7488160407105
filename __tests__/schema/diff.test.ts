import { describe, expect, it } from 'vitest';
import { checkDrift } from '../../src/checks/drift.js';
import { describeDifference, diff } from '../../src/schema/diff.js';
import { type Column, emptySchema, type Index, type Schema, type Table } from '../../src/schema/model.js';

function column(name: string, position: number, type: string, extra: Partial<Column> = {}): Column {
  return {
    name,
    position,
    type,
    nullable: true,
    default: null,
    identity: null,
    generated: null,
    collation: null,
    ...extra,
  };
}

function usersTable(): Table {
  return {
    schema: 'public',
    name: 'users',
    kind: 'table',
    columns: {
      id: column('id', 1, 'integer', { nullable: false, identity: 'by default' }),
      email: column('email', 2, 'text', { nullable: false }),
      team_id: column('team_id', 3, 'integer'),
    },
    constraints: {
      users_pkey: {
        name: 'users_pkey',
        kind: 'primary key',
        definition: 'PRIMARY KEY (id)',
        columns: ['id'],
        generatedName: true,
      },
      users_team_id_fkey: {
        name: 'users_team_id_fkey',
        kind: 'foreign key',
        definition: 'FOREIGN KEY (team_id) REFERENCES public.teams(id)',
        columns: ['team_id'],
        generatedName: true,
        foreignKey: { table: 'public.teams', columns: ['id'], onDelete: 'no action', onUpdate: 'no action' },
        deferrable: 'not deferrable',
      },
    },
    indexes: {
      users_pkey: {
        name: 'users_pkey',
        definition: 'UNIQUE USING btree (id)',
        unique: true,
        method: 'btree',
        columns: ['id'],
        constraint: 'users_pkey',
        generatedName: true,
      },
      users_name_lookup_idx: {
        name: 'users_name_lookup_idx',
        definition: 'USING btree (email)',
        unique: false,
        method: 'btree',
        columns: ['email'],
      },
    },
    triggers: {},
    policies: {},
    options: {},
  };
}

function base(): Schema {
  const s = emptySchema('postgres');
  s.namespaces.public = { name: 'public' };
  s.tables['public.users'] = usersTable();
  s.enums['public.mood'] = { schema: 'public', name: 'mood', values: ['sad', 'ok'] };
  s.sequences['public.counter'] = {
    schema: 'public',
    name: 'counter',
    type: 'bigint',
    start: '1',
    increment: '1',
    min: '1',
    max: '9223372036854775807',
    cache: '1',
    cycle: false,
    ownedBy: null,
  };
  s.views['public.active_users'] = {
    schema: 'public',
    name: 'active_users',
    materialized: false,
    definition: ' SELECT users.id FROM public.users;',
    columns: ['id integer'],
    indexes: {},
  };
  s.routines['public.touch()'] = {
    schema: 'public',
    name: 'touch',
    kind: 'function',
    arguments: '',
    definition: 'CREATE FUNCTION public.touch() ... $$ select 1 $$',
  };
  return s;
}

/** A deep copy that the test can change without touching `base()`'s result. */
function copy(s: Schema): Schema {
  return structuredClone(s);
}

describe('diff', () => {
  it('finds nothing between a schema and itself', () => {
    expect(diff(base(), base())).toEqual([]);
  });

  it('names a changed column type with before and after', () => {
    const to = copy(base());
    to.tables['public.users']!.columns.team_id!.type = 'bigint';
    const d = diff(base(), to);
    expect(d).toEqual([
      {
        change: 'changed',
        kind: 'column',
        object: 'column public.users.team_id',
        parent: { collection: 'tables', key: 'public.users' },
        name: 'team_id',
        attribute: 'type',
        before: 'integer',
        after: 'bigint',
      },
    ]);
    expect(describeDifference(d[0]!)).toBe('column public.users.team_id: type: integer -> bigint');
  });

  it('renders booleans and absent values as strings', () => {
    const to = copy(base());
    to.tables['public.users']!.columns.team_id!.nullable = false;
    to.tables['public.users']!.columns.team_id!.default = '0';
    const d = diff(base(), to);
    expect(d.map((x) => [x.attribute, x.before, x.after])).toEqual([
      ['nullable', 'true', 'false'],
      ['default', null, '0'],
    ]);
    expect(describeDifference(d[1]!)).toBe('column public.users.team_id: default: none -> 0');
  });

  it('reports a removed index with its definition, and the reverse as added', () => {
    const to = copy(base());
    delete to.tables['public.users']!.indexes.users_name_lookup_idx;
    const d = diff(base(), to);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      change: 'removed',
      kind: 'index',
      object: 'index users_name_lookup_idx on public.users',
      before: 'USING btree (email)',
    });
    expect(describeDifference(d[0]!)).toBe(
      'index users_name_lookup_idx on public.users: removed (was: USING btree (email))',
    );
    const back = diff(to, base());
    expect(back.map((x) => [x.change, x.object])).toEqual([
      ['added', 'index users_name_lookup_idx on public.users'],
    ]);
  });

  it('reports a whole added table once, not each column', () => {
    const from = copy(base());
    delete from.tables['public.users'];
    const d = diff(from, base());
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ change: 'added', kind: 'table', object: 'table public.users' });
    expect(d[0]!.after).toContain('email text not null');
  });

  it("names an FK's ON DELETE change by attribute", () => {
    const to = copy(base());
    const fk = to.tables['public.users']!.constraints.users_team_id_fkey!;
    fk.foreignKey!.onDelete = 'cascade';
    fk.definition = 'FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE';
    expect(diff(base(), to)).toEqual([
      expect.objectContaining({
        object: 'constraint users_team_id_fkey on public.users',
        attribute: 'on delete',
        before: 'no action',
        after: 'cascade',
      }),
    ]);
  });

  it('falls back to the definition when no structured attribute explains a change', () => {
    const from = copy(base());
    const to = copy(base());
    from.tables['public.users']!.constraints.positive = {
      name: 'positive',
      kind: 'check',
      definition: 'CHECK ((id > 0))',
      columns: ['id'],
    };
    to.tables['public.users']!.constraints.positive = {
      ...from.tables['public.users']!.constraints.positive!,
      definition: 'CHECK ((id > 1))',
    };
    expect(diff(from, to).map((x) => [x.attribute, x.before, x.after])).toEqual([
      ['definition', 'CHECK ((id > 0))', 'CHECK ((id > 1))'],
    ]);
  });

  it('reports an enum label added, views, sequences, routines and table options', () => {
    const to = copy(base());
    to.enums['public.mood']!.values.push('happy');
    to.views['public.active_users']!.definition = ' SELECT users.id FROM public.users WHERE true;';
    to.sequences['public.counter']!.increment = '5';
    to.routines['public.touch()']!.definition = 'CREATE FUNCTION public.touch() ... $$ select 2 $$';
    to.tables['public.users']!.options.rls = 'enabled';
    expect(diff(base(), to).map(describeDifference)).toEqual([
      "enum public.mood: values: ('sad', 'ok') -> ('sad', 'ok', 'happy')",
      'sequence public.counter: increment: 1 -> 5',
      'table public.users: rls: none -> enabled',
      'view public.active_users: definition:  SELECT users.id FROM public.users; ->  SELECT users.id FROM public.users WHERE true;',
      'function public.touch(): definition: CREATE FUNCTION public.touch() ... $$ select 1 $$ -> CREATE FUNCTION public.touch() ... $$ select 2 $$',
    ]);
  });

  it('ignores column order unless asked, and then names only the column that moved', () => {
    const to = copy(base());
    const cols = to.tables['public.users']!.columns;
    cols.email!.position = 3;
    cols.team_id!.position = 2;
    expect(diff(base(), to)).toEqual([]);
    // (id, email, team_id) -> (id, team_id, email): one column moved, not two.
    expect(diff(base(), to, { columnOrder: true })).toEqual([
      {
        change: 'changed',
        kind: 'column',
        object: 'column public.users.email',
        parent: { collection: 'tables', key: 'public.users' },
        name: 'email',
        attribute: 'position',
        before: '2',
        after: '3',
        severity: 'warning',
      },
    ]);
  });

  it('does not count the shift a dropped or added column causes as a move', () => {
    const to = copy(base());
    const cols = to.tables['public.users']!.columns;
    delete cols.email;
    cols.team_id!.position = 2;
    cols.age = column('age', 3, 'integer');
    expect(diff(base(), to, { columnOrder: true }).map(describeDifference)).toEqual([
      'column public.users.age: added (integer)',
      'column public.users.email: removed (was: text not null)',
    ]);
  });

  it('leaves drift blind to column order: ORMs create columns in their own order', async () => {
    const models = copy(base());
    const cols = models.tables['public.users']!.columns;
    cols.id!.position = 3;
    cols.team_id!.position = 1;
    const drift = await checkDrift({
      migrated: base(),
      models,
      ignore: [],
      mode: 'fail',
      source: 'models.js',
    });
    expect(drift).toMatchObject({ status: 'pass', differences: [], sql: [] });
  });

  it('names the column a down re-added at the end among many, with both positions', () => {
    const wide = (names: string[]) => {
      const s = base();
      const t = s.tables['public.users']!;
      t.columns = Object.fromEntries(names.map((n, k) => [n, column(n, k + 1, 'text')]));
      return s;
    };
    const before = wide(['id', 'a', 'b', 'c', 'd']);
    const after = wide(['id', 'b', 'c', 'd', 'a']);
    expect(diff(before, after, { columnOrder: true }).map(describeDifference)).toEqual([
      'column public.users.a: position: 2 -> 5',
    ]);
  });

  it('matches renamed generated names by definition only when asked', () => {
    const to = copy(base());
    const t = to.tables['public.users']!;
    t.constraints.users_team_id_foreign = {
      ...t.constraints.users_team_id_fkey!,
      name: 'users_team_id_foreign',
    };
    delete t.constraints.users_team_id_fkey;
    const idx: Index = { ...t.indexes.users_name_lookup_idx!, name: 'users_email_index' };
    t.indexes.users_email_index = idx;
    delete t.indexes.users_name_lookup_idx;

    const strict = diff(base(), to);
    expect(strict.map((x) => `${x.change} ${x.object}`)).toEqual([
      'removed constraint users_team_id_fkey on public.users',
      'added constraint users_team_id_foreign on public.users',
      'added index users_email_index on public.users',
      'removed index users_name_lookup_idx on public.users',
    ]);
    expect(diff(base(), to, { matchGeneratedNamesByDefinition: true })).toEqual([]);

    // A different definition is not a rename.
    t.indexes.users_email_index!.definition = 'USING hash (email)';
    t.indexes.users_email_index!.method = 'hash';
    expect(
      diff(base(), to, { matchGeneratedNamesByDefinition: true }).map((x) => `${x.change} ${x.object}`),
    ).toEqual([
      'added index users_email_index on public.users',
      'removed index users_name_lookup_idx on public.users',
    ]);
  });

  it('uses bare keys for MySQL schemas', () => {
    const from = emptySchema('mysql');
    const to = emptySchema('mysql');
    from.tables.users = { ...usersTable(), schema: '' };
    to.tables.users = structuredClone(from.tables.users);
    to.tables.users.columns.email!.type = 'varchar(255)';
    expect(diff(from, to).map((x) => x.object)).toEqual(['column users.email']);
  });

  it('is deterministic whatever the insertion order', () => {
    const a = copy(base());
    const b = copy(base());
    a.tables['public.zeta'] = { ...usersTable(), name: 'zeta' };
    a.tables['public.alpha'] = { ...usersTable(), name: 'alpha' };
    b.tables = { 'public.users': b.tables['public.users']! };
    const d1 = diff(a, b);
    const reordered = copy(a);
    reordered.tables = Object.fromEntries(Object.entries(a.tables).reverse());
    expect(diff(reordered, b)).toEqual(d1);
    expect(d1.map((x) => x.object)).toEqual(['table public.alpha', 'table public.zeta']);
  });
});

describe('diff of constraint-backed indexes', () => {
  it('reports a changed unique constraint once, not again through its index', () => {
    const to = copy(base());
    const t = to.tables['public.users']!;
    t.constraints.users_email_key = {
      name: 'users_email_key',
      kind: 'unique',
      definition: 'UNIQUE (email)',
      columns: ['email'],
    };
    t.indexes.users_email_key = {
      name: 'users_email_key',
      definition: 'UNIQUE USING btree (email)',
      unique: true,
      method: 'btree',
      columns: ['email'],
      constraint: 'users_email_key',
    };
    expect(diff(base(), to).map((x) => `${x.change} ${x.object}`)).toEqual([
      'added constraint users_email_key on public.users',
    ]);
    const changed = copy(to);
    changed.tables['public.users']!.constraints.users_email_key!.definition =
      'UNIQUE NULLS NOT DISTINCT (email)';
    changed.tables['public.users']!.indexes.users_email_key!.definition =
      'UNIQUE USING btree (email) NULLS NOT DISTINCT';
    expect(diff(to, changed).map((x) => `${x.object} ${x.attribute}`)).toEqual([
      'constraint users_email_key on public.users definition',
    ]);
  });

  it('still reports an index change that its constraint does not explain', () => {
    const to = copy(base());
    to.tables['public.users']!.indexes.users_pkey!.method = 'hash';
    expect(diff(base(), to).map((x) => `${x.object} ${x.attribute}`)).toEqual([
      'index users_pkey on public.users method',
    ]);
  });
});
