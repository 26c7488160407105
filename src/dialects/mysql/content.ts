/**
 * Per-column content summaries of user tables on MySQL/MariaDB (see src/rehearsal/content.ts), for
 * all given tables in one round trip. MariaDB has no LATERAL, so each table is cross-joined with the
 * list of its column names and a CASE picks the column's value: the table is read once.
 *
 * Each value is rendered as utf8mb4 text with a binary collation (binary strings and BIT as hex), so
 * the summary does not depend on the column's collation: a case-insensitive column would otherwise
 * sort 'a' and 'A' in either order. The hash is the MD5 of the sorted per-value MD5s, concatenated:
 * 32 bytes a row, so GROUP_CONCAT (raised for the session, put back afterwards) holds
 * max_allowed_packet / 32 rows (about 500,000 with 16 MB); a truncated list is an error, never a
 * silently different hash.
 */
import { createHash as nodeHash } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { type Content, SAMPLE_LENGTH, SAMPLE_SIZE } from '../../rehearsal/content.js';
import { classifyType } from '../../rehearsal/seed-values.js';
import type { Column, Table } from '../../schema/model.js';

type Connection = mysql.Connection | mysql.PoolConnection;

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;
const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const SEPARATOR = "X'1f'";

function textOf(column: Column): string {
  const col = `t.${ident(column.name)}`;
  const kind = classifyType(column.type, () => null).kind;
  if (kind === 'bytes' || kind === 'bit') return `HEX(${col})`;
  return `CONVERT(${col} USING utf8mb4) COLLATE utf8mb4_bin`;
}

function tableQuery(key: string, table: Table): string {
  const columns = Object.values(table.columns);
  const names = columns
    .map((c, i) => `SELECT ${literal(c.name)}${i === 0 ? ' AS c' : ''}`)
    .join(' UNION ALL ');
  const pick = columns.map((c) => `WHEN ${literal(c.name)} THEN ${textOf(c)}`).join(' ');
  return `SELECT ${literal(key)} AS t, x.c, COUNT(*) AS n, COUNT(x.v) AS non_null,
  GROUP_CONCAT(MD5(COALESCE(x.v, '\\\\N')) ORDER BY MD5(COALESCE(x.v, '\\\\N')) SEPARATOR '') AS hashes,
  SUBSTRING_INDEX(GROUP_CONCAT(DISTINCT LEFT(x.v, ${SAMPLE_LENGTH}) ORDER BY LEFT(x.v, ${SAMPLE_LENGTH}) SEPARATOR ${SEPARATOR}), ${SEPARATOR}, ${SAMPLE_SIZE}) AS sample
FROM (SELECT cols.c, CASE cols.c ${pick} END AS v FROM ${ident(table.name)} AS t CROSS JOIN (${names}) AS cols) AS x
GROUP BY x.c`;
}

/** Content of `tables` (key -> Table as introspected). */
export async function mysqlContent(connection: Connection, tables: [string, Table][]): Promise<Content> {
  const readable = tables.filter(([, t]) => t.kind === 'table' && Object.keys(t.columns).length > 0);
  // Every table asked about is present, empty ones with no rows (see postgres/content.ts).
  const content: Content = Object.fromEntries(readable.map(([key]) => [key, { rows: 0, columns: {} }]));
  if (readable.length === 0) return content;
  const [before] = await connection.query('SELECT @@SESSION.group_concat_max_len AS len');
  const previous = Number((before as { len: number | string }[])[0]?.len ?? 1024);
  await connection.query('SET SESSION group_concat_max_len = 4294967295');
  try {
    const [rows] = await connection.query({
      sql: readable.map(([key, t]) => tableQuery(key, t)).join('\nUNION ALL\n'),
      // MD5 text and samples come back as strings, counts as numbers, whatever the connection's options.
      typeCast: (field, next) => (field.type === 'LONGLONG' ? Number(field.string()) : next()),
    });
    for (const r of rows as {
      t: string;
      c: string;
      n: number;
      non_null: number;
      hashes: string | Buffer | null;
      sample: string | Buffer | null;
    }[]) {
      const hashes = r.hashes === null ? '' : String(r.hashes);
      if (hashes.length !== 32 * Number(r.n)) {
        throw new Error(
          `the content of ${r.t}.${r.c} does not fit in GROUP_CONCAT (${r.n} rows): raise max_allowed_packet on the throwaway server`,
        );
      }
      content[r.t] ??= { rows: 0, columns: {} };
      const table = content[r.t]!;
      table.rows = Number(r.n);
      table.columns[r.c] = {
        nonNull: Number(r.non_null),
        hash: createHash(hashes),
        sample: r.sample === null ? [] : String(r.sample).split('\x1f'),
      };
    }
  } finally {
    await connection.query('SET SESSION group_concat_max_len = ?', [previous]);
  }
  return content;
}

/** The per-column hash: MD5 of the sorted per-value MD5s (computed here, as the list is already read). */
function createHash(hashes: string): string {
  return nodeHash('md5').update(hashes).digest('hex');
}
