/**
 * The engine-neutral schema diff: every collection of the model, `from` -> `to`.
 *
 * Output is deterministic: objects are walked in SCHEMA_COLLECTIONS order, keys and names in code-point
 * order, attributes in a fixed order per kind. Objects are named the way a reviewer reads them
 * (`column public.users.email`, `index users_name_idx on public.users`); keys are used verbatim, so
 * Postgres names stay schema-qualified and MySQL names (no schema) need nothing special.
 */

import { movedColumns } from './column-order.js';
import {
  columnDefinition,
  enumDefinition,
  extensionDefinition,
  renderValue,
  sequenceDefinition,
  tableDefinition,
} from './diff-render.js';
import type { Difference, DiffOptions, ObjectKind } from './difference.js';
import type { Constraint, Index, Schema, SchemaCollection, Table, View } from './model.js';

export { describeDifference, warningNote } from './diff-render.js';

type Subject = Pick<Difference, 'kind' | 'object' | 'parent' | 'name'>;
type Attr = [attribute: string, before: unknown, after: unknown];

/** Code-point order, not locale order: the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodePoint);
}

class Collector {
  readonly out: Difference[] = [];

  added(subject: Subject, after: string | null): void {
    this.out.push({ change: 'added', ...subject, before: null, after });
  }

  removed(subject: Subject, before: string | null): void {
    this.out.push({ change: 'removed', ...subject, before, after: null });
  }

  /** Emits one `changed` per attribute that differs; returns how many did. */
  attributes(subject: Subject, attrs: Attr[]): number {
    let count = 0;
    for (const [attribute, a, b] of attrs) {
      const before = renderValue(a);
      const after = renderValue(b);
      if (before === after) continue;
      this.out.push({ change: 'changed', ...subject, attribute, before, after });
      count++;
    }
    return count;
  }
}

interface Visitor<T> {
  added(name: string, to: T): void;
  removed(name: string, from: T): void;
  both(name: string, from: T, to: T): void;
}

/**
 * Walks two keyed collections. With `signature`, names present on one side only are paired with
 * names on the other side that have the same signature (a rename of a generated name), first by
 * name order, so the pairing is deterministic.
 */
function walk<T>(
  from: Record<string, T>,
  to: Record<string, T>,
  visitor: Visitor<T>,
  signature?: (item: T) => string,
): void {
  const names = unionKeys(from, to);
  const renames = new Map<string, string>();
  if (signature) {
    const spare = new Map<string, string[]>();
    for (const name of names) {
      if (name in to && !(name in from)) {
        const sig = signature(to[name]!);
        spare.set(sig, [...(spare.get(sig) ?? []), name]);
      }
    }
    for (const name of names) {
      if (!(name in from) || name in to) continue;
      const candidates = spare.get(signature(from[name]!));
      const match = candidates?.shift();
      if (match !== undefined) renames.set(name, match);
    }
  }
  const renamedTo = new Set(renames.values());
  for (const name of names) {
    const inFrom = Object.hasOwn(from, name);
    const inTo = Object.hasOwn(to, name);
    if (inFrom && inTo) visitor.both(name, from[name]!, to[name]!);
    else if (inFrom) {
      const renamed = renames.get(name);
      if (renamed !== undefined) visitor.both(name, from[name]!, to[renamed]!);
      else visitor.removed(name, from[name]!);
    } else if (!renamedTo.has(name)) visitor.added(name, to[name]!);
  }
}

function top(kind: ObjectKind, collection: SchemaCollection, key: string, label: string = kind): Subject {
  return { kind, object: `${label} ${key}`, parent: { collection, key } };
}

function sub(kind: ObjectKind, collection: SchemaCollection, key: string, name: string): Subject {
  const object = kind === 'column' ? `column ${key}.${name}` : `${kind} ${name} on ${key}`;
  return { kind, object, parent: { collection, key }, name };
}

/** Structured attributes first; the full definition only when none of them explains the change. */
function constraintAttrs(a: Constraint, b: Constraint): { attrs: Attr[]; definition: Attr } {
  const fa = a.foreignKey;
  const fb = b.foreignKey;
  const attrs: Attr[] = [
    ['kind', a.kind, b.kind],
    ['columns', a.columns, b.columns],
    [
      'references',
      fa && `${fa.table}(${fa.columns.join(', ')})`,
      fb && `${fb.table}(${fb.columns.join(', ')})`,
    ],
    ['on delete', fa?.onDelete, fb?.onDelete],
    ['on update', fa?.onUpdate, fb?.onUpdate],
    ['match', fa?.match, fb?.match],
    ['deferrable', a.deferrable, b.deferrable],
  ];
  return { attrs, definition: ['definition', a.definition, b.definition] };
}

function indexAttrs(a: Index, b: Index): { attrs: Attr[]; definition: Attr } {
  const attrs: Attr[] = [
    ['unique', a.unique, b.unique],
    ['method', a.method, b.method],
    ['columns', a.columns, b.columns],
    ['include', a.include, b.include],
    ['where', a.where, b.where],
    // The constraint's name is compared with the constraint itself; here only whether one is backed.
    ['constraint', a.constraint ? 'yes' : null, b.constraint ? 'yes' : null],
  ];
  return { attrs, definition: ['definition', a.definition, b.definition] };
}

/**
 * `covered`: constraints already reported. The index that backs one of them (a primary key, unique
 * or exclusion constraint) changes with it, and reporting both would say the same thing twice.
 */
function diffIndexes(
  out: Collector,
  collection: SchemaCollection,
  key: string,
  from: Record<string, Index>,
  to: Record<string, Index>,
  options: DiffOptions,
  covered: Set<string> = new Set(),
): void {
  const backs = (i: Index | undefined) => !!i?.constraint && covered.has(i.constraint);
  walk(
    from,
    to,
    {
      added: (name, b) => {
        if (!backs(b)) out.added(sub('index', collection, key, name), b.definition);
      },
      removed: (name, a) => {
        if (!backs(a)) out.removed(sub('index', collection, key, name), a.definition);
      },
      both: (name, a, b) => {
        if (backs(a) || backs(b)) return;
        const subject = sub('index', collection, key, name);
        const { attrs, definition } = indexAttrs(a, b);
        if (out.attributes(subject, attrs) === 0) out.attributes(subject, [definition]);
      },
    },
    options.matchGeneratedNamesByDefinition ? (i) => i.definition : undefined,
  );
}

function diffTable(out: Collector, key: string, a: Table, b: Table, options: DiffOptions): void {
  const subject = top('table', 'tables', key);
  out.attributes(subject, [
    ['kind', a.kind, b.kind],
    ...unionKeys(a.options, b.options).map((o): Attr => [o, a.options[o], b.options[o]]),
    ['comment', a.comment, b.comment],
  ]);
  walk(a.columns, b.columns, {
    added: (name, c) => out.added(sub('column', 'tables', key, name), columnDefinition(c)),
    removed: (name, c) => out.removed(sub('column', 'tables', key, name), columnDefinition(c)),
    both: (name, x, y) =>
      out.attributes(sub('column', 'tables', key, name), [
        ['type', x.type, y.type],
        ['nullable', x.nullable, y.nullable],
        ['default', x.default, y.default],
        ['identity', x.identity, y.identity],
        ['generated', x.generated, y.generated],
        ['collation', x.collation, y.collation],
        ['charset', x.charset, y.charset],
        ['on update', x.onUpdate, y.onUpdate],
        ['comment', x.comment, y.comment],
      ]),
  });
  if (options.columnOrder) {
    for (const name of movedColumns(a.columns, b.columns)) {
      out.out.push({
        change: 'changed',
        ...sub('column', 'tables', key, name),
        attribute: 'position',
        before: String(a.columns[name]!.position),
        after: String(b.columns[name]!.position),
        severity: 'warning',
      });
    }
  }
  const constraintsStart = out.out.length;
  walk(
    a.constraints,
    b.constraints,
    {
      added: (name, c) => out.added(sub('constraint', 'tables', key, name), c.definition),
      removed: (name, c) => out.removed(sub('constraint', 'tables', key, name), c.definition),
      both: (name, x, y) => {
        const s = sub('constraint', 'tables', key, name);
        const { attrs, definition } = constraintAttrs(x, y);
        if (out.attributes(s, attrs) === 0) out.attributes(s, [definition]);
      },
    },
    options.matchGeneratedNamesByDefinition ? (c) => `${c.kind}\u0000${c.definition}` : undefined,
  );
  const covered = new Set(
    out.out
      .slice(constraintsStart)
      .filter((d) => d.kind === 'constraint')
      .map((d) => d.name!),
  );
  diffIndexes(out, 'tables', key, a.indexes, b.indexes, options, covered);
  for (const [kind, field] of [
    ['trigger', 'triggers'],
    ['policy', 'policies'],
  ] as const) {
    walk(a[field], b[field], {
      added: (name, t) => out.added(sub(kind, 'tables', key, name), t.definition),
      removed: (name, t) => out.removed(sub(kind, 'tables', key, name), t.definition),
      both: (name, x, y) =>
        out.attributes(sub(kind, 'tables', key, name), [['definition', x.definition, y.definition]]),
    });
  }
}

function viewSubject(key: string, view: View): Subject {
  return top(view.materialized ? 'materialized view' : 'view', 'views', key);
}

/** Differences between two schemas, `from` -> `to`, in a stable order. */
export function diff(from: Schema, to: Schema, options: DiffOptions = {}): Difference[] {
  const out = new Collector();

  walk(from.namespaces, to.namespaces, {
    added: (key, n) => out.added(top('schema', 'namespaces', key), n.name),
    removed: (key, n) => out.removed(top('schema', 'namespaces', key), n.name),
    both: (key, a, b) =>
      out.attributes(top('schema', 'namespaces', key), [['comment', a.comment, b.comment]]),
  });

  walk(from.extensions, to.extensions, {
    added: (key, e) => out.added(top('extension', 'extensions', key), extensionDefinition(e)),
    removed: (key, e) => out.removed(top('extension', 'extensions', key), extensionDefinition(e)),
    both: (key, a, b) =>
      out.attributes(top('extension', 'extensions', key), [
        ['schema', a.schema, b.schema],
        ['version', a.version, b.version],
      ]),
  });

  walk(from.enums, to.enums, {
    added: (key, e) => out.added(top('enum', 'enums', key), enumDefinition(e)),
    removed: (key, e) => out.removed(top('enum', 'enums', key), enumDefinition(e)),
    both: (key, a, b) =>
      out.attributes(top('enum', 'enums', key), [
        ['values', enumDefinition(a), enumDefinition(b)],
        ['comment', a.comment, b.comment],
      ]),
  });

  const typeLabel = (kind: string) =>
    kind === 'domain' ? 'domain' : kind === 'composite' ? 'composite type' : 'type';
  walk(from.types, to.types, {
    added: (key, t) => out.added(top('type', 'types', key, typeLabel(t.kind)), t.definition),
    removed: (key, t) => out.removed(top('type', 'types', key, typeLabel(t.kind)), t.definition),
    both: (key, a, b) =>
      out.attributes(top('type', 'types', key, typeLabel(a.kind)), [
        ['kind', a.kind, b.kind],
        ['definition', a.definition, b.definition],
      ]),
  });

  walk(from.sequences, to.sequences, {
    added: (key, s) => out.added(top('sequence', 'sequences', key), sequenceDefinition(s)),
    removed: (key, s) => out.removed(top('sequence', 'sequences', key), sequenceDefinition(s)),
    both: (key, a, b) =>
      out.attributes(top('sequence', 'sequences', key), [
        ['type', a.type, b.type],
        ['start', a.start, b.start],
        ['increment', a.increment, b.increment],
        ['min', a.min, b.min],
        ['max', a.max, b.max],
        ['cache', a.cache, b.cache],
        ['cycle', a.cycle, b.cycle],
        ['owned by', a.ownedBy, b.ownedBy],
      ]),
  });

  // A whole table added or removed is reported once, with its columns in the definition.
  walk(from.tables, to.tables, {
    added: (key, t) => out.added(top('table', 'tables', key), tableDefinition(t)),
    removed: (key, t) => out.removed(top('table', 'tables', key), tableDefinition(t)),
    both: (key, a, b) => diffTable(out, key, a, b, options),
  });

  walk(from.views, to.views, {
    added: (key, v) => out.added(viewSubject(key, v), v.definition),
    removed: (key, v) => out.removed(viewSubject(key, v), v.definition),
    both: (key, a, b) => {
      out.attributes(viewSubject(key, a), [
        ['materialized', a.materialized, b.materialized],
        ['definition', a.definition, b.definition],
        ['columns', a.columns, b.columns],
        ['comment', a.comment, b.comment],
      ]);
      diffIndexes(out, 'views', key, a.indexes, b.indexes, options);
    },
  });

  const routineSubject = (key: string, kind: string): Subject => ({
    kind: 'routine',
    object: `${kind || 'routine'} ${key}`,
    parent: { collection: 'routines', key },
  });
  walk(from.routines, to.routines, {
    added: (key, r) => out.added(routineSubject(key, r.kind), r.definition),
    removed: (key, r) => out.removed(routineSubject(key, r.kind), r.definition),
    both: (key, a, b) =>
      out.attributes(routineSubject(key, a.kind), [
        ['kind', a.kind, b.kind],
        ['definition', a.definition, b.definition],
      ]),
  });

  return out.out;
}
