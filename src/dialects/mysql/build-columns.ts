/** Column rows -> model Columns, with MariaDB's JSON recognised. */
import type { Column } from '../../schema/model.js';
import {
  charsetOf,
  normaliseDefault,
  normaliseExpression,
  normaliseType,
  parseExtra,
  stripDatabase,
} from './normalise.js';
import type { ColumnRow } from './queries/columns.js';
import type { CheckRow } from './queries/constraints.js';
import type { ServerInfo } from './server.js';

export interface TableDefaults {
  /** The table's collation (TABLES.TABLE_COLLATION). */
  collation: string | null;
}

/**
 * MariaDB has no JSON type: JSON is an alias for LONGTEXT (utf8mb4_bin) plus an automatic column check
 * `json_valid(\`col\`)`. MySQL 5.7+ has a real JSON type. So on MariaDB a LONGTEXT column with exactly
 * that check is reported as `json`, and the check itself is dropped (see jsonCheckName).
 */
export function mariadbJsonColumns(
  server: ServerInfo,
  columns: ColumnRow[],
  checks: CheckRow[],
): Set<string> {
  const json = new Set<string>();
  if (server.engine !== 'mariadb') return json;
  const longtext = new Set(columns.filter((c) => c.dataType === 'longtext').map((c) => c.name));
  for (const check of checks) {
    const column = jsonCheckColumn(check.clause);
    if (column !== null && longtext.has(column)) json.add(column);
  }
  return json;
}

/** The column of a `json_valid(\`col\`)` check, or null for any other clause. */
export function jsonCheckColumn(clause: string): string | null {
  const match = /^\(?\s*json_valid\(`((?:[^`]|``)+)`\)\s*\)?$/i.exec(clause.trim());
  return match ? match[1]!.replaceAll('``', '`') : null;
}

export function buildColumn(
  row: ColumnRow,
  table: TableDefaults,
  server: ServerInfo,
  database: string,
  json: boolean,
): Column {
  const extra = parseExtra(row.extra);
  let type = json ? 'json' : normaliseType(row.columnType);
  // Flags that EXTRA carries besides defaults and generation (INVISIBLE on MySQL 8.0.23+ and
  // MariaDB 10.3+) change how the column behaves, so they stay visible as part of the type.
  if (extra.rest.length > 0) type = `${type} ${extra.rest.join(' ')}`;
  const tableCharset = charsetOf(table.collation);
  // A JSON column's character set and collation are fixed by the server (MariaDB: utf8mb4_bin).
  const collation = !json && row.collation && row.collation !== table.collation ? row.collation : null;
  const charset = !json && row.charset && row.charset !== tableCharset ? row.charset : null;
  const generated =
    extra.generated && row.generation
      ? `${stripDatabase(normaliseExpression(row.generation, server.features), database)} ${extra.generated}`
      : null;
  return {
    name: row.name,
    position: Number(row.position),
    type,
    nullable: row.nullable === 'YES',
    // A generated column has no default; MariaDB reports none, MySQL NULL.
    default: generated
      ? null
      : normaliseDefault({ raw: row.default, type, extra: row.extra }, server.features),
    identity: extra.autoIncrement ? 'auto_increment' : null,
    generated,
    collation,
    charset,
    onUpdate: extra.onUpdate,
    comment: row.comment ? row.comment : null,
  };
}
