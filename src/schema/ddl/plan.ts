/**
 * The engine-neutral order of drift DDL. diff() says what differs (and, with generated names matched
 * by definition, what is merely named differently); this file decides what to drop, create and alter,
 * and in which order, so that dependencies hold at every statement:
 *
 *   drop views, triggers and policies that depend on what changes
 *   drop foreign keys, then other constraints and indexes, then tables (referencing ones first), then columns
 *   create schemas, extensions, enums, types, sequences, routines
 *   create tables, add and alter columns
 *   add constraints and indexes, then foreign keys (every table exists by then)
 *   sequence ownership, views (dependencies first), triggers and policies
 *   drop routines, sequences, types, enums, extensions and schemas that are gone
 *
 * The writer (postgres.ts, mysql.ts) renders each step.
 */
import type { DriftStatement } from '../../report/model.js';
import type { Difference } from '../difference.js';
import type { Constraint, EnumType, Index, Schema, Sequence, Table, View } from '../model.js';
import { dependencyOrder, mentions } from './order.js';
import type { ColumnRef, DdlWriter, Statements } from './writer.js';

type Change = Difference['change'];

/** Differences indexed by object: top-level changes and, per table or view, changes of its members. */
class ChangeIndex {
  readonly top = new Map<string, Change>();
  /** Top-level objects with an attribute of their own changed (not only a member). */
  readonly own = new Set<string>();
  private readonly members = new Map<string, Map<string, Change>>();

  constructor(differences: Difference[]) {
    for (const d of differences) {
      const key = `${d.parent.collection}\u0000${d.parent.key}`;
      if (d.name === undefined) {
        this.top.set(key, d.change);
        if (d.change === 'changed') this.own.add(key);
        continue;
      }
      if (!this.top.has(key)) this.top.set(key, 'changed');
      const memberKey = `${key}\u0000${d.kind}`;
      const map = this.members.get(memberKey) ?? new Map<string, Change>();
      // A member with several changed attributes is one change.
      if (!map.has(d.name)) map.set(d.name, d.change);
      this.members.set(memberKey, map);
    }
  }

  change(collection: string, key: string): Change | undefined {
    return this.top.get(`${collection}\u0000${key}`);
  }

  ownChange(collection: string, key: string): boolean {
    return this.own.has(`${collection}\u0000${key}`);
  }

  of(collection: string, key: string, kind: string): Map<string, Change> {
    return this.members.get(`${collection}\u0000${key}\u0000${kind}`) ?? new Map();
  }
}

class Phases {
  dropViews: Statements = [];
  dropTriggers: Statements = [];
  dropForeignKeys: Statements = [];
  dropConstraints: Statements = [];
  dropIndexes: Statements = [];
  dropTables: Statements = [];
  dropColumns: Statements = [];
  namespaces: Statements = [];
  extensions: Statements = [];
  enums: Statements = [];
  types: Statements = [];
  sequences: Statements = [];
  routines: Statements = [];
  createTables: Statements = [];
  columns: Statements = [];
  constraints: Statements = [];
  indexes: Statements = [];
  foreignKeys: Statements = [];
  ownership: Statements = [];
  views: Statements = [];
  triggers: Statements = [];
  dropRoutines: Statements = [];
  dropSequences: Statements = [];
  dropTypes: Statements = [];
  dropEnums: Statements = [];
  dropExtensions: Statements = [];
  dropNamespaces: Statements = [];

  all(): DriftStatement[] {
    return Object.values(this).flat() as DriftStatement[];
  }
}

const isForeignKey = (c: Constraint) => c.kind === 'foreign key';

/** True when `b` keeps every label of `a` in the same order (labels can then be added in place). */
export function enumExtends(a: EnumType, b: EnumType): boolean {
  let j = 0;
  for (const label of b.values) if (label === a.values[j]) j++;
  return j === a.values.length;
}

/** The constraint in `to` that stands for `c` in `from`: same name, or (a generated name) same definition. */
function counterpart(c: Constraint, to: Table): Constraint | undefined {
  return (
    to.constraints[c.name] ??
    Object.values(to.constraints).find((x) => x.kind === c.kind && x.definition === c.definition)
  );
}

function sorted<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function planDdl(from: Schema, to: Schema, differences: Difference[], w: DdlWriter): DriftStatement[] {
  const ix = new ChangeIndex(differences);
  const p = new Phases();
  /** `table\0column` whose type changes: foreign keys and views over them are rebuilt. */
  const retyped = new Set<string>();
  const droppedColumns = new Set<string>();
  /** Tables losing a primary key, unique constraint or unique index that foreign keys may rely on. */
  const uniqueLost = new Set<string>();
  /** Per table, first columns of dropped indexes (MySQL foreign keys need an index to stay). */
  const indexLost = new Map<string, Set<string>>();
  /** Foreign keys already dropped or added by name: `table\0name`. */
  const fkHandled = new Set<string>();
  const removedTables = new Set<string>();

  for (const [key, a] of sorted(from.namespaces)) {
    if (ix.change('namespaces', key) === 'removed') p.dropNamespaces.push(...w.dropNamespace(a));
    else if (ix.change('namespaces', key) === 'changed')
      p.namespaces.push(...w.alterNamespace(a, to.namespaces[key]!));
  }
  for (const [key, b] of sorted(to.namespaces)) {
    if (ix.change('namespaces', key) === 'added') p.namespaces.push(...w.createNamespace(b));
  }
  for (const [key, a] of sorted(from.extensions)) {
    const change = ix.change('extensions', key);
    if (change === 'removed') p.dropExtensions.push(...w.dropExtension(a));
    else if (change === 'changed') p.extensions.push(...w.alterExtension(a, to.extensions[key]!));
  }
  for (const [key, b] of sorted(to.extensions)) {
    if (ix.change('extensions', key) === 'added') p.extensions.push(...w.createExtension(b));
  }

  // Enums: a rebuilt enum (a label removed or moved) retypes every column that uses it.
  for (const [key, a] of sorted(from.enums)) {
    const change = ix.change('enums', key);
    if (change === 'removed') p.dropEnums.push(...w.dropEnum(a));
    if (change !== 'changed') continue;
    const b = to.enums[key]!;
    const users = enumUsers(from, to, a);
    if (!enumExtends(a, b))
      for (const u of users) retyped.add(`${tableKey(from, u.table)}\u0000${u.column.name}`);
    p.enums.push(...w.alterEnum(a, b, users));
  }
  for (const [key, b] of sorted(to.enums))
    if (ix.change('enums', key) === 'added') p.enums.push(...w.createEnum(b));

  for (const [key, a] of sorted(from.types)) {
    const change = ix.change('types', key);
    if (change === 'removed') p.dropTypes.push(...w.dropType(a));
    if (change === 'changed') p.types.push(...w.dropType(a), ...w.createType(to.types[key]!));
  }
  for (const [key, b] of sorted(to.types))
    if (ix.change('types', key) === 'added') p.types.push(...w.createType(b));

  // Tables.
  const added: Table[] = [];
  const removed: Table[] = [];
  for (const key of unionKeys(from.tables, to.tables)) {
    const change = ix.change('tables', key);
    if (change === 'added') added.push(to.tables[key]!);
    else if (change === 'removed') {
      removed.push(from.tables[key]!);
      removedTables.add(key);
    } else if (change === 'changed') {
      changedTable(key, from.tables[key]!, to.tables[key]!);
    }
  }

  // Partitions after their parents; otherwise name order.
  added.sort((a, b) => Number(!!a.options['partition of']) - Number(!!b.options['partition of']));
  for (const t of added) {
    p.createTables.push(...w.createTable(t));
    for (const [, i] of sorted(t.indexes)) {
      if (!w.ownedByConstraint(t, i) && !createdByForeignKey(t, i)) p.indexes.push(...w.createIndex(t, i));
    }
    for (const [, c] of sorted(t.constraints))
      if (isForeignKey(c)) p.foreignKeys.push(...w.addConstraint(t, c));
    for (const [, tr] of sorted(t.triggers)) p.triggers.push(...w.createTrigger(t, tr));
    for (const [, pol] of sorted(t.policies)) p.triggers.push(...w.createPolicy(t, pol));
  }
  dropTables(removed);

  // Foreign keys that did not change but stand on something that does: dropped first, added again last.
  for (const [key, a] of sorted(from.tables)) {
    const b = to.tables[key];
    if (!b || removedTables.has(key)) continue;
    for (const [, c] of sorted(a.constraints)) {
      if (!isForeignKey(c) || fkHandled.has(`${key}\u0000${c.name}`) || !c.foreignKey) continue;
      const ref = c.foreignKey.table;
      const stands =
        c.columns.some((col) => retyped.has(`${key}\u0000${col}`)) ||
        c.foreignKey.columns.some((col) => retyped.has(`${ref}\u0000${col}`)) ||
        uniqueLost.has(ref) ||
        (w.foreignKeysNeedIndexes && indexLost.get(key)?.has(c.columns[0] ?? ''));
      const other = stands ? counterpart(c, b) : undefined;
      if (!other) continue;
      p.dropForeignKeys.push(...w.dropConstraint(a, c));
      p.foreignKeys.push(...w.addConstraint(b, other));
    }
  }

  sequences();
  views();

  for (const [key, a] of sorted(from.routines)) {
    const change = ix.change('routines', key);
    if (change === 'removed') p.dropRoutines.push(...w.dropRoutine(a));
    if (change === 'changed') p.routines.push(...w.replaceRoutine(a, to.routines[key]!));
  }
  for (const [key, b] of sorted(to.routines))
    if (ix.change('routines', key) === 'added') p.routines.push(...w.createRoutine(b));
  if (p.routines.length) p.routines.unshift(...w.beforeRoutines());

  return p.all();

  function changedTable(key: string, a: Table, b: Table): void {
    p.columns.push(...w.alterTable(a, b));
    for (const [name, change] of ix.of('tables', key, 'column')) {
      const ca = a.columns[name];
      const cb = b.columns[name];
      if (change === 'added' && cb) p.columns.push(...w.addColumn(b, cb));
      else if (change === 'removed' && ca) {
        p.dropColumns.push(...w.dropColumn(a, ca));
        droppedColumns.add(`${key}\u0000${name}`);
      } else if (ca && cb) {
        if (ca.type !== cb.type || ca.collation !== cb.collation || ca.charset !== cb.charset) {
          retyped.add(`${key}\u0000${name}`);
        }
        p.columns.push(...w.alterColumn(b, ca, cb));
      }
    }
    for (const [name, change] of ix.of('tables', key, 'constraint')) {
      const ca = a.constraints[name];
      const cb = change === 'changed' && ca ? counterpart(ca, b) : b.constraints[name];
      if (change !== 'added' && ca) {
        (isForeignKey(ca) ? p.dropForeignKeys : p.dropConstraints).push(...w.dropConstraint(a, ca));
        if (ca.kind === 'primary key' || ca.kind === 'unique') uniqueLost.add(key);
        if (isForeignKey(ca)) fkHandled.add(`${key}\u0000${ca.name}`);
      }
      if (change !== 'removed' && cb) {
        (isForeignKey(cb) ? p.foreignKeys : p.constraints).push(...w.addConstraint(b, cb));
      }
    }
    const indexes = pairIndexes(a, b, (t, i) => w.ownedByConstraint(t, i));
    for (const ia of indexes.drop) {
      // An implicit (MySQL foreign-key) index outlives its key: dropped here, after the key.
      p.dropIndexes.push(...w.dropIndex(a, ia));
      if (ia.unique) uniqueLost.add(key);
      const lost = indexLost.get(key) ?? new Set<string>();
      lost.add(ia.columns[0] ?? '');
      indexLost.set(key, lost);
    }
    for (const ib of indexes.create) if (!createdByForeignKey(b, ib)) p.indexes.push(...w.createIndex(b, ib));
    for (const [kind, field, drop, create] of [
      ['trigger', 'triggers', w.dropTrigger.bind(w), w.createTrigger.bind(w)],
      ['policy', 'policies', w.dropPolicy.bind(w), w.createPolicy.bind(w)],
    ] as const) {
      for (const [name, change] of ix.of('tables', key, kind)) {
        const xa = a[field][name];
        const xb = b[field][name];
        if (change !== 'added' && xa) p.dropTriggers.push(...drop(a, xa));
        if (change !== 'removed' && xb) p.triggers.push(...create(b, xb));
      }
    }
  }

  /** Referencing tables before the tables they reference; foreign keys in a cycle are dropped first. */
  function dropTables(tables: Table[]): void {
    const keyOf = (t: Table) => tableKey(from, t);
    const remaining = new Map(tables.map((t) => [keyOf(t), t]));
    const referencedBy = (key: string) =>
      [...remaining.entries()].filter(
        ([k, t]) => k !== key && Object.values(t.constraints).some((c) => c.foreignKey?.table === key),
      );
    while (remaining.size) {
      const free = [...remaining.entries()].filter(([k]) => referencedBy(k).length === 0);
      if (free.length === 0) {
        // A cycle: drop the foreign keys among what is left, then the tables in any order.
        for (const [, t] of remaining) {
          for (const c of Object.values(t.constraints)) {
            if (c.foreignKey && remaining.has(c.foreignKey.table) && c.foreignKey.table !== keyOf(t)) {
              p.dropForeignKeys.push(...w.dropConstraint(t, c));
            }
          }
        }
        for (const [, t] of remaining) p.dropTables.push(...w.dropTable(t));
        return;
      }
      for (const [k, t] of free) {
        p.dropTables.push(...w.dropTable(t));
        remaining.delete(k);
      }
    }
  }

  function sequences(): void {
    for (const [key, a] of sorted(from.sequences)) {
      const change = ix.change('sequences', key);
      if (change === 'removed' && !goesWithOwner(a)) p.dropSequences.push(...w.dropSequence(a));
      if (change === 'changed' && !identityOwned(from, a) && !identityOwned(to, to.sequences[key]!)) {
        p.ownership.push(...w.alterSequence(a, to.sequences[key]!));
      }
    }
    for (const [key, b] of sorted(to.sequences)) {
      if (ix.change('sequences', key) !== 'added' || identityOwned(to, b)) continue;
      p.sequences.push(...w.createSequence(b));
      if (b.ownedBy) p.ownership.push(...w.ownSequence(b));
    }
  }

  /** A sequence owned by a dropped table or column (or an identity) is dropped with it. */
  function goesWithOwner(s: Sequence): boolean {
    if (!s.ownedBy) return false;
    const owner = splitOwner(s.ownedBy);
    if (!owner) return false;
    return (
      removedTables.has(owner.table) ||
      droppedColumns.has(`${owner.table}\u0000${owner.column}`) ||
      identityOwned(from, s)
    );
  }

  function views(): void {
    const touched = (v: View) => {
      for (const key of [...retyped, ...droppedColumns]) {
        const [table] = key.split('\u0000');
        const t = from.tables[table!];
        if (t && mentions(v.definition, t.name)) return true;
      }
      return false;
    };
    const rebuild = new Set<string>();
    for (const [key, a] of sorted(from.views)) {
      const change = ix.change('views', key);
      const b = to.views[key];
      if (change === 'removed') rebuild.add(key);
      else if (b && change === 'changed' && ix.ownChange('views', key) && !onlyComment(a, b))
        rebuild.add(key);
      else if (b && touched(a)) rebuild.add(key);
    }
    // Views over a rebuilt view are rebuilt too.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [key, a] of sorted(from.views)) {
        if (rebuild.has(key) || !to.views[key]) continue;
        if ([...rebuild].some((k) => from.views[k] && mentions(a.definition, from.views[k]!.name))) {
          rebuild.add(key);
          grew = true;
        }
      }
    }
    const dropOrder = dependencyOrder(from.views, (v) => v.definition).reverse();
    for (const key of dropOrder) if (rebuild.has(key)) p.dropViews.push(...w.dropView(from.views[key]!));
    for (const key of dependencyOrder(to.views, (v) => v.definition)) {
      const b = to.views[key]!;
      const a = from.views[key];
      const change = ix.change('views', key);
      if (change === 'added' || rebuild.has(key)) {
        p.views.push(...w.createView(b));
        for (const [, i] of sorted(b.indexes))
          if (!w.ownedByConstraint(b, i)) p.views.push(...w.createIndex(b, i));
        continue;
      }
      if (!a || change !== 'changed') continue;
      if (ix.ownChange('views', key)) p.views.push(...w.alterView(a, b));
      const indexes = pairIndexes(a, b, (v, i) => w.ownedByConstraint(v, i));
      for (const i of indexes.drop) p.dropIndexes.push(...w.dropIndex(a, i));
      for (const i of indexes.create) p.views.push(...w.createIndex(b, i));
    }
  }
}

/**
 * Indexes that stand alone (not created by a constraint) to drop from `a` and create from `b`. Paired
 * by name, then by definition (a generated name), as diff() pairs them. Worked out here rather than
 * read from the differences, because diff() reports an index that a constraint now backs only through
 * the constraint: the standalone index it replaces must still go.
 */
export function pairIndexes<T extends Table | View>(
  a: T,
  b: T,
  owned: (owner: T, i: Index) => boolean,
): { drop: Index[]; create: Index[] } {
  const drop: Index[] = [];
  const create = new Map<string, Index>();
  for (const [name, i] of sorted(b.indexes)) if (!owned(b, i)) create.set(name, i);
  const unmatched: Index[] = [];
  for (const [name, i] of sorted(a.indexes)) {
    if (owned(a, i)) continue;
    const same = create.get(name);
    if (same && same.definition === i.definition) create.delete(name);
    else if (same) {
      drop.push(i);
    } else unmatched.push(i);
  }
  for (const i of unmatched) {
    const match = [...create.values()].find((x) => x.definition === i.definition && !a.indexes[x.name]);
    if (match) create.delete(match.name);
    else drop.push(i);
  }
  return { drop, create: [...create.values()] };
}

/**
 * A MySQL foreign key creates its index by itself, named after the key: such an index is left to
 * the key. One named otherwise (after the column, for a key that had no name) is created first, by
 * its own name, and the key then uses it.
 */
function createdByForeignKey(t: Table, i: Index): boolean {
  return !!i.implicit && Object.values(t.constraints).some((c) => isForeignKey(c) && c.name === i.name);
}

function onlyComment(a: View, b: View): boolean {
  return (
    a.definition === b.definition &&
    a.materialized === b.materialized &&
    a.columns.join('\u0000') === b.columns.join('\u0000') &&
    (a.comment ?? null) !== (b.comment ?? null)
  );
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** The key a table has in its schema (`schema.name` on Postgres, `name` on MySQL). */
export function tableKey(schema: Schema, t: { schema: string; name: string }): string {
  return schema.engine === 'postgres' ? `${t.schema}.${t.name}` : t.name;
}

function splitOwner(ownedBy: string): { table: string; column: string } | null {
  const at = ownedBy.lastIndexOf('.');
  return at < 0 ? null : { table: ownedBy.slice(0, at), column: ownedBy.slice(at + 1) };
}

/** Identity columns own a sequence that exists only through the column. */
function identityOwned(schema: Schema, s: Sequence): boolean {
  const owner = s.ownedBy ? splitOwner(s.ownedBy) : null;
  return !!owner && !!schema.tables[owner.table]?.columns[owner.column]?.identity;
}

/** Columns of tables kept on both sides, typed with the enum before and after. */
function enumUsers(from: Schema, to: Schema, e: EnumType): ColumnRef[] {
  const users: ColumnRef[] = [];
  const names = enumTypeNames(e);
  for (const [key, t] of sorted(from.tables)) {
    const other = to.tables[key];
    if (!other) continue;
    for (const [, c] of sorted(t.columns)) {
      const base = c.type.replace(/\[\]$/, '');
      if (names.has(base) && other.columns[c.name]?.type === c.type) users.push({ table: other, column: c });
    }
  }
  return users;
}

/** How format_type may render an enum's name: qualified, quoted where needed. */
function enumTypeNames(e: EnumType): Set<string> {
  const q = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replaceAll('"', '""')}"`);
  return new Set([`${q(e.schema)}.${q(e.name)}`, `${e.schema}.${e.name}`, q(e.name), e.name]);
}
