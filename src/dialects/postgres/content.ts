/**
 * Per-column content summaries of user tables on Postgres (see src/rehearsal/content.ts), for all
 * given tables in one round trip: each table is read once, its columns unpivoted with a LATERAL
 * VALUES list, and every column aggregated to a hash of its sorted values, a non-NULL count and the
 * first few distinct values.
 */
import type pg from 'pg';
import { type Content, SAMPLE_LENGTH, SAMPLE_SIZE } from '../../rehearsal/content.js';
import type { Table } from '../../schema/model.js';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function tableQuery(key: string, table: Table, columns: string[]): string {
  const from = `${ident(table.schema)}.${ident(table.name)}`;
  const unpivot = columns.map((c) => `(${literal(c)}, t.${ident(c)}::text)`).join(', ');
  return `SELECT ${literal(key)} AS t, (SELECT count(*) FROM ${from})::int AS n, x.c,
  pg_catalog.md5(COALESCE(string_agg(COALESCE(x.v, E'\\\\N'), E'\\x1f' ORDER BY x.v), '')) AS hash,
  count(x.v)::int AS non_null,
  (array_agg(DISTINCT left(x.v, ${SAMPLE_LENGTH})) FILTER (WHERE x.v IS NOT NULL))[1:${SAMPLE_SIZE}] AS sample
FROM ${from} AS t, LATERAL (VALUES ${unpivot}) AS x(c, v) GROUP BY x.c`;
}

/** Content of `tables` (key -> Table as introspected). */
export async function postgresContent(client: pg.Client, tables: [string, Table][]): Promise<Content> {
  const readable = tables.filter(([, t]) => t.kind === 'table' && Object.keys(t.columns).length > 0);
  // Every table asked about is present, empty ones with no rows: a down that deletes every row of a
  // table must read as rows lost, not as a table that is gone.
  const content: Content = Object.fromEntries(readable.map(([key]) => [key, { rows: 0, columns: {} }]));
  const parts = readable.map(([key, t]) => tableQuery(key, t, Object.keys(t.columns)));
  if (parts.length === 0) return content;
  const { rows } = await client.query<{
    t: string;
    n: number;
    c: string;
    hash: string;
    non_null: number;
    sample: string[] | null;
  }>(parts.join('\nUNION ALL\n'));
  for (const r of rows) {
    content[r.t] ??= { rows: r.n, columns: {} };
    const table = content[r.t]!;
    table.rows = r.n;
    table.columns[r.c] = { nonNull: r.non_null, hash: r.hash, sample: r.sample ?? [] };
  }
  return content;
}

interface ContentRow {
  table_key: string;
  col: string | null;
  rows: string;
  hash: string | null;
  non_null: string | null;
  sample: string[] | null;
}

function contentOf(rows: ContentRow[]): Content {
  const content: Content = {};
  for (const r of rows) {
    // Several rows per table (one per column): the first creates the entry, the rest add columns.
    const table = content[r.table_key] ?? { rows: Number(r.rows), columns: {} };
    content[r.table_key] = table;
    if (r.col !== null) {
      table.columns[r.col] = { nonNull: Number(r.non_null), hash: r.hash ?? '', sample: r.sample ?? [] };
    }
  }
  return content;
}

/** The content captured since the last call (tables the DDL since then touched), and clears it. */
export async function takeCapturedContent(client: pg.Client): Promise<Content> {
  const { rows } = await client.query<ContentRow>(
    'DELETE FROM _schemagate.content_before RETURNING table_key, col, rows, hash, non_null, sample',
  );
  return contentOf(rows);
}

/**
 * The captured content and the same tables' content now, in one round trip (the connection is
 * pipelined: the two statements are sent together and run in order); clears the capture.
 */
export async function takeCapturedContentAndNow(
  client: pg.Client,
): Promise<{ before: Content; now: Content }> {
  const [now, before] = await Promise.all([
    client.query<ContentRow>('SELECT * FROM _schemagate.content_after()'),
    takeCapturedContent(client),
  ]);
  return { before, now: contentOf(now.rows) };
}
