/**
 * How long a full Postgres snapshot takes at 500 tables (columns, indexes, foreign keys). The target
 * is 100 ms or less; this measures, it does not assert.
 *
 *   node --import jiti/register bench/pg-snapshot.ts [postgres-url-of-an-empty-database] [tables]
 */
import pg from 'pg';
import { postgresDialect } from '../src/dialects/postgres/index.js';
import { median } from './median.js';

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

export interface TrackedStepTimes {
  reset: number;
  collect: number;
  scopedSnapshot: number;
  fullSnapshot: number;
}

/**
 * On a database that benchSnapshot built: the median cost of the scoped path for a step that adds
 * a column and an index (tracker reset + collect + scoped snapshot), next to a full snapshot.
 */
export async function benchTrackedStep(url: string, runs = 7): Promise<TrackedStepTimes> {
  const tracker = await postgresDialect.tracker(url);
  if (!tracker) throw new Error('the change tracker needs a superuser');
  const introspector = await postgresDialect.introspector(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: TrackedStepTimes[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      await tracker.reset();
      const reset = performance.now() - start;
      await client.query(
        `ALTER TABLE bench.t${i} ADD COLUMN step_${i} integer; CREATE INDEX ON bench.t${i + 1} (code)`,
      );
      start = performance.now();
      const scope = await tracker.collect();
      const collect = performance.now() - start;
      start = performance.now();
      await introspector.snapshot(scope);
      const scopedSnapshot = performance.now() - start;
      start = performance.now();
      await introspector.snapshot();
      times.push({ reset, collect, scopedSnapshot, fullSnapshot: performance.now() - start });
    }
  } finally {
    await client.end();
    await introspector.close();
    await tracker.close();
  }
  return {
    reset: median(times.map((t) => t.reset)),
    collect: median(times.map((t) => t.collect)),
    scopedSnapshot: median(times.map((t) => t.scopedSnapshot)),
    fullSnapshot: median(times.map((t) => t.fullSnapshot)),
  };
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
    const step = await benchTrackedStep(url);
    console.log(
      `tracked step: reset ${step.reset.toFixed(1)} ms, collect ${step.collect.toFixed(1)} ms, ` +
        `scoped snapshot ${step.scopedSnapshot.toFixed(1)} ms (full ${step.fullSnapshot.toFixed(1)} ms)`,
    );
  }
}
