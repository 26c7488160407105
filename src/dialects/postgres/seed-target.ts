/**
 * The Postgres side of seeding (src/rehearsal/seed.ts): which tables are empty, a parent's key
 * values, and inserts whose values are cast by the server from text to each column's own type
 * (`$1::public.mood`), so that every type the server can parse from text can be seeded.
 */
import type pg from 'pg';
import { errorMessage } from '../../errors.js';
import type { Cell, SeedTarget } from '../../rehearsal/seed.js';
import type { Column, Table } from '../../schema/model.js';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (table: Table) => `${ident(table.schema)}.${ident(table.name)}`;
/** A literal for a table key in the empty-tables query (keys are built from the catalog, but quote anyway). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function postgresSeedTarget(client: pg.Client): SeedTarget {
  return {
    async emptyTables(tables) {
      if (tables.length === 0) return new Set();
      // One round trip for all tables: an EXISTS per table stops at the first row.
      const text = tables
        .map(([key, t]) => `SELECT ${literal(key)} AS key WHERE NOT EXISTS (SELECT 1 FROM ${qualified(t)})`)
        .join('\nUNION ALL\n');
      const { rows } = await client.query<{ key: string }>(text);
      return new Set(rows.map((r) => r.key));
    },
    async keyValues(table, columns, limit) {
      const { rows } = await client.query({
        text: `SELECT DISTINCT ${columns.map((c) => `${ident(c)}::text`).join(', ')} FROM ${qualified(table)} WHERE ${columns.map((c) => `${ident(c)} IS NOT NULL`).join(' AND ')} ORDER BY 1 LIMIT ${Math.max(1, Math.floor(limit))}`,
        rowMode: 'array',
      });
      return rows as Cell[][];
    },
    async insert(table, columns, rows) {
      if (rows.length === 0) return { ok: true };
      const values: Cell[] = [];
      const tuples = rows.map(
        (row) =>
          `(${row
            .map((cell, i) => {
              values.push(cell);
              return `$${values.length}::${(columns[i] as Column).type}`;
            })
            .join(', ')})`,
      );
      const text = `INSERT INTO ${qualified(table)} (${columns.map((c) => ident(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`;
      try {
        await client.query(text, values);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: errorMessage(error) };
      }
    },
  };
}
