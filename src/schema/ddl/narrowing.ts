/**
 * Whether changing a column's type can lose data. Only conversions known to keep every value (an
 * integer to a wider one, a longer varchar, more numeric digits, any type to text, an enum that keeps
 * its labels) are safe; every other change is reported as destructive, because a gate should err on
 * the side of a reviewer looking at it. Where engines' types differ (unbounded text and numeric, the
 * default seconds precision), the engine's descriptor says so (`types`).
 */
import { ENGINES, type EngineName } from '../../dialects/registry.js';

/** How an engine's types bound their values, as far as narrowing cares. */
export interface TypeRules {
  /** `text` and `varchar` without a length hold any string (Postgres); MySQL's text types have limits. */
  unboundedText: boolean;
  /** `numeric` without precision is unbounded (Postgres); MySQL's bare `decimal` is decimal(10,0). */
  unboundedNumeric: boolean;
  /** Seconds precision of a time type written without one (6 on Postgres, 0 on MySQL). */
  defaultTimePrecision: number;
}

interface ParsedType {
  base: string;
  args: string[];
  unsigned: boolean;
  array: boolean;
}

/** `numeric(10,2)`, `int unsigned`, `timestamp(3) without time zone`, `enum('a','b')`, `text[]`. */
export function parseType(type: string): ParsedType {
  let t = type.trim().toLowerCase();
  const array = t.endsWith('[]');
  if (array) t = t.slice(0, -2);
  const unsigned = /\bunsigned\b/.test(t);
  t = t.replace(/\s+(unsigned|zerofill)\b/g, '');
  const open = t.indexOf('(');
  const close = t.lastIndexOf(')');
  let args: string[] = [];
  if (open >= 0 && close > open) {
    args = splitArgs(t.slice(open + 1, close));
    t = `${t.slice(0, open)}${t.slice(close + 1)}`;
  }
  return { base: t.replace(/\s+/g, ' ').trim(), args, unsigned, array };
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      if (quoted && text[i + 1] === "'") {
        cur += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const INTEGER_RANK: Record<string, number> = {
  tinyint: 1,
  smallint: 2,
  int2: 2,
  mediumint: 3,
  integer: 4,
  int: 4,
  int4: 4,
  bigint: 5,
  int8: 5,
};
/** Decimal digits an integer type needs (signed). */
const INTEGER_DIGITS: Record<number, number> = { 1: 3, 2: 5, 3: 8, 4: 10, 5: 19 };

const STRINGS = new Set(['character varying', 'varchar', 'character', 'char', 'bpchar', 'nvarchar', 'nchar']);
const TEXT_RANK: Record<string, number> = { tinytext: 1, text: 2, mediumtext: 3, longtext: 4 };
const BLOB_RANK: Record<string, number> = { tinyblob: 1, blob: 2, mediumblob: 3, longblob: 4 };
const NUMERIC = new Set(['numeric', 'decimal']);
const FLOAT_RANK: Record<string, number> = {
  real: 1,
  float: 1,
  float4: 1,
  'double precision': 2,
  double: 2,
  float8: 2,
};

function num(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

/** Seconds precision of a time type; none written means the engine's default (6 on Postgres, 0 on MySQL). */
function timeKind(base: string): string | null {
  if (/^timestamp( with(out)? time zone)?$|^timestamptz$|^datetime$/.test(base)) return 'timestamp';
  if (/^time( with(out)? time zone)?$/.test(base)) return 'time';
  return null;
}

/** True when converting a column from type `a` to type `b` may lose or refuse existing values. */
export function typeChangeLosesData(engine: EngineName, a: string, b: string): boolean {
  if (a === b) return false;
  const x = parseType(a);
  const y = parseType(b);
  if (x.array !== y.array) return true;
  const rules = ENGINES[engine].types;

  // Every value has a text form: Postgres `text`, or a MySQL text type that can hold a short string.
  if (
    rules.unboundedText &&
    (y.base === 'text' || (STRINGS.has(y.base) && y.base.includes('var') && y.args.length === 0))
  ) {
    return false;
  }

  const rx = INTEGER_RANK[x.base];
  const ry = INTEGER_RANK[y.base];
  if (rx !== undefined && ry !== undefined) {
    if (x.unsigned && !y.unsigned) return ry <= rx;
    if (!x.unsigned && y.unsigned) return true;
    return ry < rx;
  }
  if (rx !== undefined && NUMERIC.has(y.base)) {
    if (y.args.length === 0) return !rules.unboundedNumeric; // Postgres numeric is unbounded; MySQL decimal is (10,0)
    const p = num(y.args[0])!;
    const s = num(y.args[1]) ?? 0;
    return p - s < INTEGER_DIGITS[rx]! + (x.unsigned ? 1 : 0);
  }
  if (NUMERIC.has(x.base) && NUMERIC.has(y.base)) {
    if (y.args.length === 0) return !rules.unboundedNumeric;
    if (x.args.length === 0) return true;
    const [p1, s1] = [num(x.args[0])!, num(x.args[1]) ?? 0];
    const [p2, s2] = [num(y.args[0])!, num(y.args[1]) ?? 0];
    return s2 < s1 || p2 - s2 < p1 - s1;
  }
  if (FLOAT_RANK[x.base] !== undefined && FLOAT_RANK[y.base] !== undefined) {
    return FLOAT_RANK[y.base]! < FLOAT_RANK[x.base]!;
  }

  if (STRINGS.has(x.base) && STRINGS.has(y.base)) {
    const nx = num(x.args[0]);
    const ny = num(y.args[0]);
    if (ny === null) return !rules.unboundedText; // varchar with no length: Postgres only
    return nx === null || ny < nx;
  }
  if (STRINGS.has(x.base) && TEXT_RANK[y.base] !== undefined) {
    // A MySQL TEXT holds 65,535 bytes; a varchar of up to 16,383 utf8mb4 characters fits.
    return TEXT_RANK[y.base]! < 2 && (num(x.args[0]) ?? Number.POSITIVE_INFINITY) > 63;
  }
  if (TEXT_RANK[x.base] !== undefined && TEXT_RANK[y.base] !== undefined)
    return TEXT_RANK[y.base]! < TEXT_RANK[x.base]!;
  if (BLOB_RANK[x.base] !== undefined && BLOB_RANK[y.base] !== undefined)
    return BLOB_RANK[y.base]! < BLOB_RANK[x.base]!;
  if ((x.base === 'varbinary' || x.base === 'binary') && y.base === 'varbinary') {
    return (num(y.args[0]) ?? 0) < (num(x.args[0]) ?? 0);
  }

  const tx = timeKind(x.base);
  const ty = timeKind(y.base);
  if (tx && tx === ty) {
    const precision = (t: ParsedType) => num(t.args[0]) ?? rules.defaultTimePrecision;
    return precision(y) < precision(x);
  }
  if (x.base === 'date' && ty === 'timestamp') return false;

  if ((x.base === 'enum' || x.base === 'set') && x.base === y.base) {
    return !x.args.every((label) => y.args.includes(label));
  }
  if ((x.base === 'json' && y.base === 'jsonb') || (x.base === 'jsonb' && y.base === 'json')) return false;
  return true;
}
