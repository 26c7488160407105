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

import type { Difference } from '../difference.js';
import type { Schema, Sequence, Table, View } from '../model.js';
import { ChangeIndex } from './changes.js';
import {
  counterpart,
  createdByForeignKey,
  enumExtends,
  enumUsers,
  identityOwned,
  isForeignKey,
  onlyComment,
  pairIndexes,
  sorted,
  splitOwner,
  tableKey,
  unionKeys,
} from './matching.js';
import { dependencyOrder, mentions } from './order.js';
import type { DriftStatement } from './statement.js';
import type { DdlWriter, Statements } from './writer.js';

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
