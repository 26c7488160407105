/**
 * A schema's fingerprint: a sha256 that two schemas share exactly when `diff(a, b, { columnOrder:
 * true })` finds nothing. Shards of a history run in different jobs (`--shard I/N`), so where a lane
 * compares the schema it started from with the one the lane before it ended with, a shard can only
 * send a digest of it in its report; `schemagate merge` compares those.
 *
 * It is built from what diff compares and nothing more (a constraint's `generatedName`, an index's
 * constraint name and `implicit` are not compared, so they are left out), with each attribute in
 * diff's own rendering (renderValue: null, undefined and [] are one value), and columns in relative
 * order: `position` is an ordinal among live columns, so same columns in the same order is the same
 * list. A stricter digest would make merge refuse shards a single run would have joined.
 */
import { createHash } from 'node:crypto';
import { enumDefinition, renderValue } from './diff-render.js';
import type { Index, Schema, Table } from './model.js';

type Canon = Array<[string, unknown]>;

/** Entries in code-point order of their keys, as diff walks them. */
function keyed<T>(record: Record<string, T>, each: (item: T) => unknown): Canon {
  return Object.keys(record)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => [key, each(record[key]!)]);
}

const values = (...items: unknown[]) => items.map(renderValue);

function index(i: Index): unknown {
  return values(i.unique, i.method, i.columns, i.include, i.where, i.constraint ? 'yes' : null, i.definition);
}

function table(t: Table): unknown {
  const order = Object.values(t.columns)
    .sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => c.name);
  return [
    values(t.kind, t.comment),
    keyed(t.options, (o) => renderValue(o)),
    keyed(t.columns, (c) =>
      values(
        c.type,
        c.nullable,
        c.default,
        c.identity,
        c.generated,
        c.collation,
        c.charset,
        c.onUpdate,
        c.comment,
      ),
    ),
    order,
    keyed(t.constraints, (c) => {
      const fk = c.foreignKey;
      return values(
        c.kind,
        c.columns,
        fk && `${fk.table}(${fk.columns.join(', ')})`,
        fk?.onDelete,
        fk?.onUpdate,
        fk?.match,
        c.deferrable,
        c.definition,
      );
    }),
    keyed(t.indexes, index),
    keyed(t.triggers, (x) => renderValue(x.definition)),
    keyed(t.policies, (x) => renderValue(x.definition)),
  ];
}

export function schemaFingerprint(schema: Schema): string {
  const canon = [
    keyed(schema.namespaces, (n) => values(n.comment)),
    keyed(schema.extensions, (e) => values(e.schema, e.version)),
    keyed(schema.enums, (e) => values(enumDefinition(e), e.comment)),
    keyed(schema.types, (t) => values(t.kind, t.definition)),
    keyed(schema.sequences, (s) =>
      values(s.type, s.start, s.increment, s.min, s.max, s.cache, s.cycle, s.ownedBy),
    ),
    keyed(schema.tables, table),
    keyed(schema.views, (v) => [
      values(v.materialized, v.definition, v.columns, v.comment),
      keyed(v.indexes, index),
    ]),
    keyed(schema.routines, (r) => values(r.kind, r.definition)),
  ];
  return createHash('sha256').update(JSON.stringify(canon)).digest('hex');
}
