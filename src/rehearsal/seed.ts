/**
 * Seeding: before a migration's up, every empty user table gets generated rows, so that the
 * migration meets data as it would in production. Engine-neutral: what to insert is decided here
 * from the Schema model; a SeedTarget (one per engine, in src/dialects/<engine>/) reads and writes.
 *
 * Tables are filled parents first (foreign keys in dependency order); a foreign key column takes the
 * parent's existing key values. The server is the judge of CHECK constraints and expression indexes
 * that the model cannot evaluate: a refused insert is retried with plainer values, then row by row,
 * and a table no value fits is reported with the server's reason rather than failing the run.
 */
import type { Column, Schema, Table } from '../schema/model.js';
import { cellValue, classifyType, type TypeClass, type ValueRequest } from './seed-values.js';

export type Cell = string | null;

export interface SeedTarget {
  /** Which of these tables (by their Schema.tables key) hold no row. */
  emptyTables(tables: [key: string, table: Table][]): Promise<Set<string>>;
  /** Up to `limit` distinct value tuples of `columns` in a table (a foreign key's parent). */
  keyValues(table: Table, columns: string[], limit: number): Promise<Cell[][]>;
  /** Inserts the rows; on refusal resolves to the server's message instead of throwing. */
  insert(
    table: Table,
    columns: Column[],
    rows: Cell[][],
  ): Promise<{ ok: true } | { ok: false; error: string }>;
}

export interface SeedResult {
  seeded: { table: string; rows: number; style: ValueRequest['style'] }[];
  /** Tables left empty, and why (a column no generated value fits, a parent without rows, ...). */
  skipped: { table: string; reason: string }[];
}

export interface SeedOptions {
  rows: number;
  /** Only these tables (Schema.tables keys) are considered; null or absent: every table. */
  tables?: string[] | null;
}

/** Seeds every empty table of `schema` (kind 'table', not a partition) through `target`. */
export async function seedEmptyTables(
  schema: Schema,
  target: SeedTarget,
  options: SeedOptions,
): Promise<SeedResult> {
  const result: SeedResult = { seeded: [], skipped: [] };
  if (options.rows <= 0) return result;
  const only = options.tables ? new Set(options.tables) : null;
  const candidates = Object.entries(schema.tables).filter(
    ([key, t]) => t.kind === 'table' && !t.options['partition of'] && (!only || only.has(key)),
  );
  if (candidates.length === 0) return result;
  const empty = await target.emptyTables(candidates);
  const enumLabels = (name: string) => schema.enums[name]?.values ?? null;
  for (const key of dependencyOrder(schema, [...empty])) {
    const table = schema.tables[key]!;
    const outcome = await seedTable(schema, key, table, target, options.rows, enumLabels);
    if ('reason' in outcome) result.skipped.push({ table: key, reason: outcome.reason });
    else result.seeded.push({ table: key, rows: outcome.rows, style: outcome.style });
  }
  return result;
}

/** Parents before children; a cycle is broken where it is met (its nullable keys get NULL). */
export function dependencyOrder(schema: Schema, keys: string[]): string[] {
  const wanted = new Set(keys);
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: string[] = [];
  const visit = (key: string) => {
    if (done.has(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const c of Object.values(schema.tables[key]?.constraints ?? {})) {
      const parent = c.foreignKey?.table;
      if (parent && parent !== key && wanted.has(parent)) visit(parent);
    }
    visiting.delete(key);
    done.add(key);
    order.push(key);
  };
  for (const key of [...keys].sort()) visit(key);
  return order;
}

/** Columns the server fills itself: generated, identity, serial/auto_increment. */
function serverFilled(column: Column): boolean {
  return (
    column.generated !== null ||
    column.identity !== null ||
    (column.default !== null && /\bnextval\(/i.test(column.default))
  );
}

function uniqueColumns(table: Table): Set<string> {
  const out = new Set<string>();
  for (const c of Object.values(table.constraints)) {
    if (c.kind === 'primary key' || c.kind === 'unique') for (const col of c.columns) out.add(col);
  }
  // A unique index may be on expressions (`lower(email)`): every column the expression names is
  // treated as unique, which is stricter than needed and never wrong.
  for (const index of Object.values(table.indexes)) {
    if (!index.unique) continue;
    for (const part of index.columns) {
      if (table.columns[part]) out.add(part);
      else for (const name of names(table)) if (mentions(part, name)) out.add(name);
    }
  }
  return out;
}

const names = (table: Table) => Object.keys(table.columns);

function mentions(expression: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w"])"?${escaped}"?($|[^\\w"])`).test(expression);
}

type Outcome = { rows: number; style: ValueRequest['style'] } | { reason: string };

async function seedTable(
  schema: Schema,
  key: string,
  table: Table,
  target: SeedTarget,
  rowCount: number,
  enumLabels: (name: string) => string[] | null,
): Promise<Outcome> {
  const unique = uniqueColumns(table);
  // Foreign keys: each referencing column is filled from the parent's key tuples, row i taking tuple i.
  const fromParent = new Map<string, Cell[]>();
  let rows = rowCount;
  for (const c of Object.values(table.constraints)) {
    const fk = c.foreignKey;
    if (!fk) continue;
    const parent = schema.tables[fk.table];
    const tuples = parent && fk.table !== key ? await target.keyValues(parent, fk.columns, rowCount) : [];
    const nullable = c.columns.every((name) => table.columns[name]?.nullable);
    if (tuples.length === 0) {
      if (!nullable) return { reason: `its foreign key ${c.name} references ${fk.table}, which has no rows` };
      for (const name of c.columns) fromParent.set(name, []);
      continue;
    }
    // A one-to-one key cannot repeat a parent: no more rows than the parent has.
    if (c.columns.some((name) => unique.has(name))) rows = Math.min(rows, tuples.length);
    c.columns.forEach((name, i) => {
      fromParent.set(
        name,
        tuples.map((t) => t[i] ?? null),
      );
    });
  }

  const columns = Object.values(table.columns)
    .filter((col) => !serverFilled(col))
    .sort((a, b) => a.position - b.position);
  const classes = new Map<string, TypeClass>(
    columns.map((col) => [col.name, classifyType(col.type, enumLabels)]),
  );
  const written: Column[] = [];
  for (const col of columns) {
    if (fromParent.has(col.name)) {
      written.push(col);
      continue;
    }
    const cls = classes.get(col.name)!;
    if (cls.kind !== 'unknown') written.push(col);
    else if (!col.nullable && col.default === null) {
      return { reason: `no value is known for column ${col.name} of type ${col.type}` };
    }
  }
  if (written.length === 0) return { reason: 'every column is filled by the server or has no known value' };

  // Columns a CHECK constraint reads get plain values on the second attempt: the limit values are
  // the likeliest to break a range check, and the other columns keep theirs.
  const checked = new Set(
    Object.values(table.constraints)
      .filter((c) => c.kind === 'check')
      .flatMap((c) =>
        c.columns.length > 0 ? c.columns : names(table).filter((n) => mentions(c.definition, n)),
      ),
  );
  const build = (
    styleOf: (col: Column) => ValueRequest['style'],
    allUnique: boolean,
    from: number,
    count: number,
  ) =>
    Array.from({ length: count }, (_, k): Cell[] => {
      const row = from + k;
      return written.map((col) => {
        const parentValues = fromParent.get(col.name);
        if (parentValues) return parentValues.length === 0 ? null : parentValues[row % parentValues.length]!;
        return cellValue(classes.get(col.name)!, {
          row,
          unique: allUnique || unique.has(col.name),
          nullable: col.nullable,
          style: styleOf(col),
        });
      });
    });
  const limitsOnly = () => 'limits' as const;
  const plainOnly = () => 'plain' as const;

  const limits = await target.insert(table, written, build(limitsOnly, false, 0, rows));
  if (limits.ok) return { rows, style: 'limits' };
  if (checked.size > 0) {
    const styleOf = (col: Column) => (checked.has(col.name) ? 'plain' : 'limits');
    const outside = await target.insert(table, written, build(styleOf, false, 0, rows));
    if (outside.ok) return { rows, style: 'limits' };
  }
  const plain = await target.insert(table, written, build(plainOnly, true, 0, rows));
  if (plain.ok) return { rows, style: 'plain' };
  // Row by row: keep what the server accepts (a CHECK that only some values satisfy).
  let accepted = 0;
  let firstError = plain.error;
  for (let row = 0; row < rows; row++) {
    const one = await target.insert(table, written, build(plainOnly, true, row, 1));
    if (one.ok) accepted++;
    else firstError = firstError || one.error;
  }
  return accepted > 0
    ? { rows: accepted, style: 'plain' }
    : { reason: `the server refused every row: ${firstError}` };
}
