/**
 * A shard's schema fingerprint (src/schema/fingerprint.ts) must agree with the diff lanes use to
 * join: equal exactly when diff(a, b, { columnOrder: true }) finds nothing. Stricter, and merge would
 * refuse shards one job joins; looser, and it would join shards one job would have re-checked.
 */
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/schema/diff.js';
import { schemaFingerprint } from '../../src/schema/fingerprint.js';
import { type Column, emptySchema, type Schema } from '../../src/schema/model.js';

function column(name: string, position: number, extra: Partial<Column> = {}): Column {
  return {
    name,
    position,
    type: 'integer',
    nullable: true,
    default: null,
    identity: null,
    generated: null,
    collation: null,
    ...extra,
  };
}

function schema(edit: (s: Schema) => void = () => {}): Schema {
  const s = emptySchema('postgres');
  s.tables['public.t'] = {
    schema: 'public',
    name: 't',
    kind: 'table',
    columns: { id: column('id', 1), a: column('a', 2), b: column('b', 3) },
    constraints: {
      t_pkey: {
        name: 't_pkey',
        kind: 'primary key',
        definition: 'PRIMARY KEY (id)',
        columns: ['id'],
        generatedName: true,
      },
    },
    indexes: {
      t_pkey: {
        name: 't_pkey',
        definition: 'UNIQUE USING btree (id)',
        unique: true,
        method: 'btree',
        columns: ['id'],
        constraint: 't_pkey',
      },
    },
    triggers: {},
    policies: {},
    options: {},
  };
  edit(s);
  return s;
}

const t = (s: Schema) => s.tables['public.t']!;

describe('schemaFingerprint', () => {
  const cases: Array<[string, (s: Schema) => void]> = [
    ['nothing', () => {}],
    [
      'a comment null instead of absent',
      (s) => {
        t(s).comment = null;
      },
    ],
    [
      'a generated-name flag diff does not compare',
      (s) => {
        t(s).constraints.t_pkey!.generatedName = false;
      },
    ],
    [
      'an optional list empty instead of absent',
      (s) => {
        t(s).indexes.t_pkey!.include = [];
      },
    ],
    [
      'a column default',
      (s) => {
        t(s).columns.a!.default = '0';
      },
    ],
    [
      'two columns swapped',
      (s) => {
        t(s).columns.a!.position = 3;
        t(s).columns.b!.position = 2;
      },
    ],
    [
      'a column added',
      (s) => {
        t(s).columns.c = column('c', 4);
      },
    ],
    [
      'a table option',
      (s) => {
        t(s).options.rls = 'on';
      },
    ],
    [
      'an enum',
      (s) => {
        s.enums['public.e'] = { schema: 'public', name: 'e', values: ['x'] };
      },
    ],
    [
      'the keys in another order',
      (s) => {
        const { id, a, b } = t(s).columns;
        t(s).columns = { b: b!, a: a!, id: id! };
      },
    ],
  ];
  for (const [name, edit] of cases) {
    it(`agrees with diff: ${name}`, () => {
      const a = schema();
      const b = schema(edit);
      const same = diff(a, b, { columnOrder: true }).length === 0;
      expect(schemaFingerprint(a) === schemaFingerprint(b)).toBe(same);
    });
  }

  it('tells the cases apart that diff tells apart', () => {
    const changed = schema((s) => {
      t(s).columns.a!.default = '0';
    });
    expect(schemaFingerprint(changed)).not.toBe(schemaFingerprint(schema()));
    expect(schemaFingerprint(schema())).toMatch(/^[0-9a-f]{64}$/);
  });
});
