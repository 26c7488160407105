/**
 * The MySQL/MariaDB side of seeding (src/rehearsal/seed.ts): which tables are empty, a parent's key
 * values, and multi-row inserts with `?` placeholders. The server converts the text of each value to
 * the column's type itself, except for two kinds the text does not reach intact:
 * - BIT: a string is taken as the bytes of the value ('1' is 0x31), so the bit string of
 *   seed-values.ts goes through CAST(CONV(?, 2, 10) AS UNSIGNED);
 * - binary strings (binary, varbinary, blobs): a string would be re-encoded in the connection's
 *   character set, so each cell is sent as a Buffer of its latin1 code units (one byte per unit), and
 *   keyValues reads them back the same way (HEX on the server), so a parent's key survives the trip.
 *
 * Strictness: a value the column cannot hold must be refused, never truncated or clipped with a
 * warning, or the seed would not hold the limit values it claims. MariaDB 10.11's default sql_mode
 * has STRICT_TRANS_TABLES, as MySQL 8's has; both are strict only for transactional tables, and a
 * multi-row INSERT into a MyISAM table keeps the rows before a bad one and clips the rest. So each
 * insert runs with STRICT_ALL_TABLES (and the zero-date rules MySQL 8 has by default) added to the
 * session's sql_mode, which is put back afterwards: the connection may be the migration's own.
 * NO_BACKSLASH_ESCAPES is left out while inserting, because mysql2 escapes with backslashes.
 */
import type mysql from 'mysql2/promise';
import { errorMessage } from '../../errors.js';
import type { Cell, SeedTarget } from '../../rehearsal/seed.js';
import { classifyType } from '../../rehearsal/seed-values.js';
import type { Column } from '../../schema/model.js';

type Connection = mysql.Connection | mysql.PoolConnection;

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** Modes that make a bad value an error on every storage engine (both servers know all four). */
const STRICT_MODES = ['STRICT_ALL_TABLES', 'NO_ZERO_IN_DATE', 'NO_ZERO_DATE', 'ERROR_FOR_DIVISION_BY_ZERO'];

/** How a column's cells travel: as text, as binary bytes, or as a bit string. */
type Transport = 'text' | 'bytes' | 'bit';

function transportOf(column: Column): Transport {
  const kind = classifyType(column.type, () => null).kind;
  return kind === 'bytes' ? 'bytes' : kind === 'bit' ? 'bit' : 'text';
}

/** The session's sql_mode with strictness added and NO_BACKSLASH_ESCAPES removed. */
export function strictMode(current: string): string {
  const modes = current
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '' && m !== 'NO_BACKSLASH_ESCAPES');
  for (const m of STRICT_MODES) if (!modes.includes(m)) modes.push(m);
  return modes.join(',');
}

export function mysqlSeedTarget(connection: Connection): SeedTarget {
  return {
    async emptyTables(tables) {
      if (tables.length === 0) return new Set();
      // One round trip for all tables: an EXISTS per table stops at the first row.
      const sql = tables
        .map(([, t]) => `SELECT ? AS k FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM ${ident(t.name)})`)
        .join('\nUNION ALL\n');
      const [rows] = await connection.query(
        sql,
        tables.map(([key]) => key),
      );
      return new Set((rows as { k: string }[]).map((r) => String(r.k)));
    },

    async keyValues(table, columns, limit) {
      const transports = columns.map((c) => (table.columns[c] ? transportOf(table.columns[c]) : 'text'));
      const select = columns.map((c, i) => {
        const col = ident(c);
        if (transports[i] === 'bytes') return `HEX(${col})`;
        if (transports[i] === 'bit') return `BIN(${col})`;
        return `CAST(${col} AS CHAR)`;
      });
      const [rows] = await connection.query({
        sql: `SELECT DISTINCT ${select.join(', ')} FROM ${ident(table.name)} WHERE ${columns.map((c) => `${ident(c)} IS NOT NULL`).join(' AND ')} ORDER BY 1 LIMIT ${Math.max(1, Math.floor(limit))}`,
        rowsAsArray: true,
      });
      return (rows as unknown[][]).map((row) =>
        row.map((value, i): Cell => {
          if (value === null || value === undefined) return null;
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
          if (transports[i] === 'bytes') return Buffer.from(text, 'hex').toString('latin1');
          if (transports[i] === 'bit') {
            const width = classifyType(table.columns[columns[i]!]!.type, () => null);
            return width.kind === 'bit' ? text.padStart(width.width, '0') : text;
          }
          return text;
        }),
      );
    },

    async insert(table, columns, rows) {
      if (rows.length === 0) return { ok: true };
      const transports = columns.map(transportOf);
      const placeholder = (t: Transport) => (t === 'bit' ? 'CAST(CONV(?, 2, 10) AS UNSIGNED)' : '?');
      const tuple = `(${transports.map(placeholder).join(', ')})`;
      const values = rows.flatMap((row) =>
        row.map((cell, i) =>
          cell !== null && transports[i] === 'bytes' ? Buffer.from(cell, 'latin1') : cell,
        ),
      );
      const sql = `INSERT INTO ${ident(table.name)} (${columns.map((c) => ident(c.name)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
      const [modeRows] = await connection.query('SELECT @@SESSION.sql_mode AS mode');
      const previous = String((modeRows as { mode: string }[])[0]?.mode ?? '');
      await connection.query('SET SESSION sql_mode = ?', [strictMode(previous)]);
      try {
        await connection.query(sql, values);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: errorMessage(error) };
      } finally {
        await connection.query('SET SESSION sql_mode = ?', [previous]);
      }
    },
  };
}
