/**
 * Where MySQL 8 and MariaDB write the same schema differently, this file turns both into one form.
 * Every function here is pure (rows in, strings out) so it is unit-tested with MySQL-8-shaped rows
 * as well as the MariaDB rows the local server produces.
 *
 * The forms chosen:
 * - types: integer display widths dropped, except tinyint(1) (boolean) and widths with ZEROFILL;
 * - defaults: null for none; string/temporal literals as quoted SQL literals (`'abc'`, MariaDB's
 *   escaping); numbers bare; CURRENT_TIMESTAMP(/NOW()/current_timestamp()) as `CURRENT_TIMESTAMP` or
 *   `CURRENT_TIMESTAMP(n)`; other expressions as the server wrote them, outer parentheses removed;
 * - expressions (generated columns, checks): MySQL's escaped quotes undone, outer parentheses removed;
 * - foreign key rules: RESTRICT, NO ACTION and no clause are all 'no action'.
 */
import { RESERVED } from './reserved.js';
import type { ServerFeatures } from './server.js';

const INTEGER_WIDTH = /^(tinyint|smallint|mediumint|int|integer|bigint)\((\d+)\)(.*)$/;

/**
 * MySQL 8.0.19+ no longer shows integer display widths (`int(11)` is `int`), except for tinyint(1),
 * which connectors read as boolean, and for ZEROFILL columns, where the width pads the value.
 * MariaDB (every version) and MySQL before 8.0.19 show them always. Widths never change what a
 * column stores, so both are reduced to MySQL 8's form. YEAR(4) is likewise plain `year` on MySQL 8.
 */
export function normaliseType(columnType: string): string {
  const type = columnType.trim().toLowerCase();
  const integer = INTEGER_WIDTH.exec(type);
  if (integer) {
    const [, base, width, rest] = integer;
    if (/\bzerofill\b/.test(rest!)) return type;
    if (base === 'tinyint' && width === '1') return type;
    return `${base}${rest}`;
  }
  if (type === 'year(4)') return 'year';
  return type;
}

/** Types whose literal defaults are bare numbers on both servers. */
const NUMERIC =
  /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bool|boolean|year)\b/;

/** A string as a quoted SQL literal, escaped the way MariaDB writes COLUMN_DEFAULT (checked against 10.11). */
export function quoteLiteral(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "''")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\0', '\\0');
  return `'${escaped}'`;
}

const CURRENT_TIMESTAMP = /^(current_timestamp|now|localtime|localtimestamp)\s*(?:\(\s*(\d*)\s*\))?$/i;

/**
 * MySQL writes `CURRENT_TIMESTAMP` / `CURRENT_TIMESTAMP(3)`; MariaDB writes `current_timestamp()` /
 * `current_timestamp(3)` (and NOW() is stored as current_timestamp()). One form: CURRENT_TIMESTAMP,
 * with the fractional-seconds precision kept when it is not 0.
 */
export function normaliseCurrentTimestamp(expression: string): string | null {
  const match = CURRENT_TIMESTAMP.exec(expression.trim());
  if (!match) return null;
  const precision = match[2];
  return precision && precision !== '0' ? `CURRENT_TIMESTAMP(${precision})` : 'CURRENT_TIMESTAMP';
}

/**
 * MySQL 8 writes string literals inside expressions (GENERATION_EXPRESSION, CHECK_CLAUSE, expression
 * defaults) with backslash-escaped quotes: `concat(_utf8mb4\'a\')`. MariaDB writes plain SQL.
 */
export function unescapeExpression(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\\' && (next === "'" || next === '\\')) {
      out += next;
      i++;
    } else out += c;
  }
  return out;
}

/** Removes parentheses that wrap the whole expression: MySQL adds them, MariaDB does not. */
export function stripOuterParens(expression: string): string {
  let text = expression.trim();
  while (text.startsWith('(') && text.endsWith(')') && closingParen(text, 0) === text.length - 1) {
    text = text.slice(1, -1).trim();
  }
  return text;
}

/** Index of the parenthesis that closes the one at `open`, skipping quoted text; -1 if none. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** An expression (generation, check, expression default) in the one form both servers compare in. */
export function normaliseExpression(
  text: string,
  features: Pick<ServerFeatures, 'escapedExpressions'>,
): string {
  const unescaped = features.escapedExpressions ? unescapeExpression(text) : text;
  return stripOuterParens(unescaped);
}

export interface DefaultInput {
  /** COLUMNS.COLUMN_DEFAULT as returned (null is SQL NULL). */
  raw: string | null;
  /** Normalised column type. */
  type: string;
  /** COLUMNS.EXTRA */
  extra: string | null;
}

/**
 * COLUMN_DEFAULT in one form. See ServerFeatures.defaults for what each server writes:
 * - MariaDB 10.2.7+: `'abc'` (already a literal), `NULL` (the text: a NULL default, i.e. none),
 *   `current_timestamp()` or `uuid()` (expressions, unquoted), `0` (numbers).
 * - MySQL: `abc` (the bare value of a literal), SQL NULL for none or DEFAULT NULL, and
 *   `CURRENT_TIMESTAMP` / `uuid()` flagged DEFAULT_GENERATED in EXTRA (8.0.13+).
 * A default of NULL and no default are the same thing to both servers, so both are null here.
 */
export function normaliseDefault(column: DefaultInput, features: ServerFeatures): string | null {
  const { raw, type } = column;
  if (raw === null) return null;
  if (features.defaults === 'quoted') {
    // MariaDB: the text 'NULL' is a NULL default; a string 'NULL' comes back quoted as "'NULL'".
    if (raw === 'NULL') return null;
    if (raw.startsWith("'")) return raw;
    return expressionDefault(raw, features);
  }
  // MySQL: DEFAULT_GENERATED marks an expression (8.0.13+). Before 8.0.13, CURRENT_TIMESTAMP on a
  // temporal column is the only expression and carries no flag, so recognise it by its text too.
  const generated = /\bDEFAULT_GENERATED\b/i.test(column.extra ?? '');
  if (generated || (/^(timestamp|datetime)/.test(type) && normaliseCurrentTimestamp(raw))) {
    return expressionDefault(raw, features);
  }
  if (NUMERIC.test(type)) return raw;
  // BIT defaults are shown as bit literals (b'101') by MySQL as by MariaDB.
  if (/^bit\b/.test(type) && /^b'[01]*'$/i.test(raw)) return raw;
  // MySQL 8 may show the default of a binary string column in hexadecimal (0x61620000); MariaDB
  // shows the string, BINARY(n) padded with zero bytes as it is stored ('ab\0\0'). Decode the hex
  // (when it is text) so both read the same.
  if (/^(binary|varbinary)\b/.test(type) && /^0x([0-9a-f]{2})*$/i.test(raw)) {
    const bytes = Buffer.from(raw.slice(2), 'hex');
    const text = bytes.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(bytes)) return quoteLiteral(text);
  }
  return quoteLiteral(raw);
}

function expressionDefault(raw: string, features: ServerFeatures): string {
  const expression = normaliseExpression(raw, features);
  return normaliseCurrentTimestamp(expression) ?? expression;
}

export interface ExtraParts {
  autoIncrement: boolean;
  /** `CURRENT_TIMESTAMP` or `CURRENT_TIMESTAMP(n)` from `on update ...`. */
  onUpdate: string | null;
  /** 'stored' | 'virtual' for a generated column. */
  generated: 'stored' | 'virtual' | null;
  /** What remains, lower-cased (`invisible`). */
  rest: string[];
}

/**
 * COLUMNS.EXTRA, which both servers fill with space-separated flags, differently spelled:
 * MySQL `DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)`, MariaDB `on update current_timestamp(3)`;
 * `VIRTUAL GENERATED` / `STORED GENERATED` on both (MariaDB's PERSISTENT is its word for STORED).
 */
export function parseExtra(extra: string | null): ExtraParts {
  let text = ` ${extra ?? ''} `;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(text);
    if (match) text = text.replace(match[0], ' ');
    return match;
  };
  const autoIncrement = take(/\sauto_increment\s/i) !== null;
  take(/\sdefault_generated\s/i);
  const update = take(/\son update\s+([a-z_]+(?:\s*\(\s*\d*\s*\))?)/i);
  const generated = take(/\s(virtual|stored|persistent)\s+generated\s/i);
  const rest = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  return {
    autoIncrement,
    onUpdate: update ? (normaliseCurrentTimestamp(update[1]!) ?? update[1]!) : null,
    generated: generated ? (generated[1]!.toLowerCase() === 'virtual' ? 'virtual' : 'stored') : null,
    rest,
  };
}

/** RESTRICT, NO ACTION and no clause all mean: refuse while rows reference the key (InnoDB checks immediately). */
export function normaliseRule(rule: string | null | undefined): string {
  const text = (rule ?? '').trim().toLowerCase();
  if (text === '' || text === 'restrict' || text === 'no action') return 'no action';
  return text;
}

/** The character set a collation belongs to: its name up to the first underscore (`utf8mb4_bin`, `binary`). */
export function charsetOf(collation: string | null): string | null {
  if (!collation) return null;
  return collation.split('_')[0]!;
}

/**
 * Views, triggers and routines name the database they live in (`\`sgtest_1\`.\`teams\``). Two
 * throwaway databases never share a name, so the qualifier of the database itself is removed.
 */
export function stripDatabase(text: string, database: string): string {
  return text.replaceAll(`\`${database.replaceAll('`', '``')}\`.`, '');
}

/** A name as written in a definition: bare when it is a plain identifier and no reserved word, else backquoted. */
export function ident(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name.toLowerCase());
  return plain ? name : `\`${name.replaceAll('`', '``')}\``;
}

/** Column names a check clause refers to (backquoted identifiers that are columns), in order of appearance. */
export function referencedColumns(clause: string, columns: Iterable<string>): string[] {
  const known = new Set(columns);
  const found: string[] = [];
  for (const match of clause.matchAll(/`((?:[^`]|``)+)`/g)) {
    const name = match[1]!.replaceAll('``', '`');
    if (known.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
