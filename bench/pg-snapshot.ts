/**
 * How long a full Postgres snapshot takes at 500 tables (columns, indexes, foreign keys). The target
 * is 100 ms or less; this measures, it does not assert.
 *
 *   node --import jiti/register bench/pg-snapshot.ts [postgres-url-of-an-empty-database] [tables]
 */
import pg from 'pg';
import { postgresDialect } from '../src/dialects/postgres/index.js';

/** DDL for `tables` tables: each with 8 columns, a PK, a unique, an index, a check and an FK to the previous. */
function schemaSql(tables: number): string {
  const parts: string[] = ['CREATE SCHEMA IF NOT EXISTS bench;'];
  for (let i = 0; i < tables; i++) {
    const fk =
      i > 0 ? `, parent_id integer REFERENCES bench.t${i - 1}(id) ON DELETE CASCADE` : ', parent_id integer';
    parts.push(
      `CREATE TABLE bench.t${i} (id serial PRIMARY KEY, code text NOT NULL UNIQUE, name varchar(120) DEFAULT 'x',
        amount numeric(12,2) CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT now(),
        flags integer[] , body jsonb${fk});`,
      `CREATE INDEX t${i}_name_idx ON bench.t${i} (lower(name)) WHERE created_at IS NOT NULL;`,
      `CREATE INDEX t${i}_parent_idx ON bench.t${i} (parent_id);`,
    );
  }
  return parts.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Builds the schema in the (empty) database at `url` and returns the median ms of full snapshots. */
export async function benchSnapshot(url: string, tables = 500, runs = 9): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(schemaSql(tables));
  } finally {
    await client.end();
  }
  const introspector = await postgresDialect.introspector(url);
  try {
    await introspector.snapshot(); // prepares the statements
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await introspector.snapshot();
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await introspector.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: bench/pg-snapshot.ts <postgres-url-of-an-empty-database> [tables]');
    process.exitCode = 2;
  } else {
    const tables = Number(process.argv[3] ?? 500);
    const ms = await benchSnapshot(url, tables);
    console.log(`full snapshot, ${tables} tables: median ${ms.toFixed(1)} ms`);
  }
}
