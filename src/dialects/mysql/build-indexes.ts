/**
 * STATISTICS rows -> Indexes, plus the primary key and unique constraints they implement.
 *
 * Implicit foreign key indexes. InnoDB needs an index whose leading columns are a foreign key's
 * columns. When CREATE/ALTER TABLE adds a foreign key and no index fits, MySQL and MariaDB create one
 * by themselves, named after the constraint (`CONSTRAINT fk_x ...` -> index `fk_x`) or, for an
 * unnamed foreign key, after its first column (`team_id`, `team_id_2`). The rule used here:
 *
 * - An index is `implicit` when it is exactly what the server would have created for a foreign key of
 *   the same table: not unique, BTREE, plain columns equal to the foreign key's columns in order (no
 *   prefix length, no DESC, no expression), and named after that foreign key as above. It is also
 *   `generatedName`, because its name follows the foreign key's, not a choice about the index.
 * - It stays in the snapshot like any other index, so a round trip compares it by name: the server
 *   derives it deterministically, so both sides of an unchanged schema have it.
 * - Dropping a foreign key leaves its index behind on both servers. The index then backs no foreign
 *   key, so it is no longer implicit: it is an ordinary index that the down migration left, and a
 *   round trip that does not drop it too reports it (in production it would stay too). A down that
 *   drops both compares equal.
 * - For drift, an implicit index is paired by definition with an index the models declared under
 *   another name (or left to the server), so a model that never declared the index shows no
 *   difference as long as the foreign keys are the same.
 */
import type { Constraint, Index } from '../../schema/model.js';
import { escapeRegExp, isGeneratedName } from './names.js';
import { ident, normaliseExpression, quoteLiteral, stripDatabase } from './normalise.js';
import type { IndexPartRow } from './queries/indexes.js';
import type { ServerInfo } from './server.js';

export interface ForeignKeyColumns {
  name: string;
  columns: string[];
}

interface Part {
  /** As shown in the definition: `name(10)`, `created_at DESC`, `(lower(email))`. */
  text: string;
  /** A plain column with no prefix or order: what a foreign key can use. */
  plainColumn: string | null;
}

function part(row: IndexPartRow, server: ServerInfo, database: string): Part {
  const desc = row.order === 'D' ? ' DESC' : '';
  if (row.column === null) {
    // MySQL 8.0.13+ functional key part.
    const expression = stripDatabase(normaliseExpression(row.expression ?? '', server.features), database);
    return { text: `(${expression})${desc}`, plainColumn: null };
  }
  const prefix = row.subPart !== null && row.subPart !== undefined ? `(${row.subPart})` : '';
  return {
    text: `${ident(row.column)}${prefix}${desc}`,
    plainColumn: prefix || desc ? null : row.column,
  };
}

function sameColumns(a: (string | null)[], b: string[]): boolean {
  return a.length === b.length && a.every((column, i) => column === b[i]);
}

function isImplicit(name: string, method: string, unique: boolean, parts: Part[], fks: ForeignKeyColumns[]) {
  if (unique || method !== 'btree') return false;
  const columns = parts.map((p) => p.plainColumn);
  return fks.some((fk) => {
    if (!sameColumns(columns, fk.columns)) return false;
    if (name === fk.name) return true;
    return new RegExp(`^${escapeRegExp(fk.columns[0]!)}(_\\d+)?$`).test(name);
  });
}

export interface TableKeys {
  indexes: Record<string, Index>;
  /** Primary key and unique constraints. */
  constraints: Record<string, Constraint>;
}

/** `rows` are the STATISTICS rows of one table, ordered by index name and SEQ_IN_INDEX. */
export function buildIndexes(
  table: string,
  rows: IndexPartRow[],
  fks: ForeignKeyColumns[],
  server: ServerInfo,
  database: string,
): TableKeys {
  const groups = new Map<string, IndexPartRow[]>();
  for (const row of rows) groups.set(row.name, [...(groups.get(row.name) ?? []), row]);
  const indexes: Record<string, Index> = {};
  const constraints: Record<string, Constraint> = {};
  for (const [name, group] of groups) {
    const first = group[0]!;
    const parts = group.map((row) => part(row, server, database));
    const columns = parts.map((p) => p.text);
    const plain = group.map((row, i) => row.column ?? parts[i]!.text);
    const unique = Number(first.nonUnique) === 0;
    const primary = name === 'PRIMARY';
    const method = first.method.toLowerCase();
    const comment = first.comment ? ` COMMENT ${quoteLiteral(first.comment)}` : '';
    const invisible = first.visible === 'NO' ? ' INVISIBLE' : '';
    const kind = primary ? 'PRIMARY ' : unique ? 'UNIQUE ' : '';
    const implicit = isImplicit(name, method, unique, parts, fks);
    const generatedName = primary ? false : implicit || isGeneratedName('index', name, table, plain);
    indexes[name] = {
      name,
      definition: `${kind}USING ${method} (${columns.join(', ')})${comment}${invisible}`,
      unique,
      method,
      columns,
      where: null,
      constraint: unique ? name : null,
      ...(implicit ? { implicit: true } : {}),
      ...(generatedName ? { generatedName: true } : {}),
    };
    if (unique) {
      constraints[name] = {
        name,
        kind: primary ? 'primary key' : 'unique',
        definition: `${primary ? 'PRIMARY KEY' : 'UNIQUE'} (${columns.join(', ')})`,
        columns: plain,
        ...(generatedName ? { generatedName: true } : {}),
      };
    }
  }
  return { indexes, constraints };
}
