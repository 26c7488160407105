/**
 * How objects of the two schemas correspond: a constraint and its counterpart, standalone indexes
 * paired by name or definition, the columns an enum is used by, the sequence an identity owns.
 */
import { ENGINES } from '../../dialects/registry.js';
import type { Constraint, EnumType, Index, Schema, Sequence, Table, View } from '../model.js';
import type { ColumnRef } from './writer.js';

export const isForeignKey = (c: Constraint) => c.kind === 'foreign key';

/** True when `b` keeps every label of `a` in the same order (labels can then be added in place). */
export function enumExtends(a: EnumType, b: EnumType): boolean {
  let j = 0;
  for (const label of b.values) if (label === a.values[j]) j++;
  return j === a.values.length;
}

/** The constraint in `to` that stands for `c` in `from`: same name, or (a generated name) same definition. */
export function counterpart(c: Constraint, to: Table): Constraint | undefined {
  return (
    to.constraints[c.name] ??
    Object.values(to.constraints).find((x) => x.kind === c.kind && x.definition === c.definition)
  );
}

export function sorted<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
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
export function createdByForeignKey(t: Table, i: Index): boolean {
  return !!i.implicit && Object.values(t.constraints).some((c) => isForeignKey(c) && c.name === i.name);
}

export function onlyComment(a: View, b: View): boolean {
  return (
    a.definition === b.definition &&
    a.materialized === b.materialized &&
    a.columns.join('\u0000') === b.columns.join('\u0000') &&
    (a.comment ?? null) !== (b.comment ?? null)
  );
}

export function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** The key a table has in its schema (`schema.name` where names are schema-qualified, else `name`). */
export function tableKey(schema: Schema, t: { schema: string; name: string }): string {
  return ENGINES[schema.engine].schemaQualified ? `${t.schema}.${t.name}` : t.name;
}

export function splitOwner(ownedBy: string): { table: string; column: string } | null {
  const at = ownedBy.lastIndexOf('.');
  return at < 0 ? null : { table: ownedBy.slice(0, at), column: ownedBy.slice(at + 1) };
}

/** Identity columns own a sequence that exists only through the column. */
export function identityOwned(schema: Schema, s: Sequence): boolean {
  const owner = s.ownedBy ? splitOwner(s.ownedBy) : null;
  return !!owner && !!schema.tables[owner.table]?.columns[owner.column]?.identity;
}

/** Columns of tables kept on both sides, typed with the enum before and after. */
export function enumUsers(from: Schema, to: Schema, e: EnumType): ColumnRef[] {
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
