/**
 * The values a rehearsal seeds, per column, from the column's canonical type as the server renders
 * it (Postgres format_type, MySQL/MariaDB COLUMN_TYPE). Engine-neutral on purpose: both engines'
 * renderings are classified here, and the server is the judge of what fits (a row the server
 * refuses is retried with plainer values, see seed-plan.ts).
 *
 * The values are chosen to make production failures happen on the throwaway database:
 * - strings fill their declared length, and unbounded text is longer than the usual narrow limits
 *   (255), so narrowing a type fails here as it would on real data;
 * - the first row of a number column holds the type's largest value, so narrowing bigint to int fails;
 * - nullable columns hold NULL in some rows (a later NOT NULL must cope), and columns without a
 *   unique constraint repeat values (a later unique index must cope).
 * Everything is deterministic: the same schema and row count give the same values.
 */

export type TypeClass =
  | { kind: 'int'; max: bigint; unsigned: boolean }
  | { kind: 'decimal'; digits: number; scale: number }
  | { kind: 'float' }
  | { kind: 'string'; length: number | null; fixed: boolean }
  | { kind: 'bool'; asNumber: boolean }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'time' }
  | { kind: 'year' }
  | { kind: 'uuid' }
  | { kind: 'json' }
  | { kind: 'bytes'; length: number | null }
  /** A bit string of `width` bits (exactly that many unless `varying`): Postgres bit(n), MySQL bit(n). */
  | { kind: 'bit'; width: number; varying: boolean }
  | { kind: 'labels'; labels: string[] }
  | { kind: 'interval' }
  | { kind: 'inet' }
  | { kind: 'array' }
  | { kind: 'unknown' };

/** Longer than the narrow limits a migration might introduce (varchar(40), varchar(255)). */
export const UNBOUNDED_TEXT_LENGTH = 300;

const INT_MAX: Record<string, bigint> = {
  smallint: 32767n,
  tinyint: 127n,
  mediumint: 8388607n,
  integer: 2147483647n,
  int: 2147483647n,
  bigint: 9223372036854775807n,
};

/**
 * Classifies a canonical type. `enumLabels` resolves a Postgres enum type name (schema-qualified,
 * as format_type renders it) to its labels; MySQL enums carry their labels in the type itself.
 */
export function classifyType(type: string, enumLabels: (name: string) => string[] | null): TypeClass {
  // MySQL/MariaDB keep EXTRA flags such as INVISIBLE in the model's type (build-columns.ts): they do
  // not change what the column stores.
  const t = type
    .trim()
    .toLowerCase()
    .replace(/\s+invisible\b/g, '');
  if (t.endsWith('[]')) return { kind: 'array' };
  const labels = enumLabels(type.trim());
  if (labels && labels.length > 0) return { kind: 'labels', labels };
  const mysqlLabels = /^(enum|set)\((.*)\)/s.exec(t);
  if (mysqlLabels) {
    // The labels keep their case: read them from the original text, up to the closing parenthesis.
    const original = type.trim();
    return {
      kind: 'labels',
      labels: parseQuotedList(original.slice(original.indexOf('(') + 1, original.lastIndexOf(')'))),
    };
  }
  if (/^tinyint\(1\)/.test(t) || t === 'boolean' || t === 'bool')
    return { kind: 'bool', asNumber: t !== 'boolean' && t !== 'bool' };
  const int = /^(smallint|tinyint|mediumint|integer|int|bigint)\b(\(\d+\))?( unsigned)?/.exec(t);
  if (int) return { kind: 'int', max: INT_MAX[int[1]!]!, unsigned: Boolean(int[3]) };
  // MySQL's deprecated float(M,D) / double(M,D) hold at most M digits, D after the point: a decimal's limits.
  const scaledFloat = /^(float|double|real)\((\d+),\s*(\d+)\)/.exec(t);
  if (scaledFloat) return { kind: 'decimal', digits: Number(scaledFloat[2]), scale: Number(scaledFloat[3]) };
  const dec = /^(numeric|decimal)(?:\((\d+)(?:,\s*(\d+))?\))?/.exec(t);
  if (dec) return { kind: 'decimal', digits: Number(dec[2] ?? 12), scale: Number(dec[3] ?? 0) };
  if (/^(real|double precision|double|float)/.test(t)) return { kind: 'float' };
  const bit = /^(bit varying|varbit|bit)\b(?:\((\d+)\))?/.exec(t);
  if (bit) {
    const varying = bit[1] !== 'bit';
    // Postgres `bit` is bit(1) and `bit varying` unbounded; MySQL `bit` is bit(1).
    return { kind: 'bit', width: bit[2] ? Number(bit[2]) : varying ? 64 : 1, varying };
  }
  const str = /^(character varying|varchar|character|char|bpchar|varbinary|binary)(?:\((\d+)\))?/.exec(t);
  if (str) {
    const fixed = str[1] === 'character' || str[1] === 'char' || str[1] === 'bpchar' || str[1] === 'binary';
    // Postgres `character` without a length is character(1); `character varying` without one is unbounded.
    const length = str[2] ? Number(str[2]) : fixed ? 1 : null;
    return str[1]!.includes('binary') ? { kind: 'bytes', length } : { kind: 'string', length, fixed };
  }
  if (/^(text|tinytext|mediumtext|longtext|citext|name)$/.test(t))
    return { kind: 'string', length: t === 'tinytext' ? 255 : t === 'name' ? 63 : null, fixed: false };
  if (/^(bytea|blob|tinyblob|mediumblob|longblob)$/.test(t))
    return { kind: 'bytes', length: t === 'tinyblob' ? 255 : null };
  if (t === 'date') return { kind: 'date' };
  if (/^(timestamp|datetime)/.test(t)) return { kind: 'timestamp' };
  if (/^time\b/.test(t)) return { kind: 'time' };
  if (/^year/.test(t)) return { kind: 'year' };
  if (t === 'uuid') return { kind: 'uuid' };
  if (t === 'json' || t === 'jsonb') return { kind: 'json' };
  if (t.startsWith('interval')) return { kind: 'interval' };
  // MariaDB 10.5+ inet6 and 10.10+ inet4 take the same dotted IPv4 text as Postgres inet.
  if (t === 'inet' || t === 'cidr' || t === 'inet6' || t === 'inet4') return { kind: 'inet' };
  return { kind: 'unknown' };
}

/** `'a','b''c'` -> ['a', "b'c"] (MySQL's rendering of enum and set labels). */
function parseQuotedList(text: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'')*)'/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!.replace(/''/g, "'"));
  return out;
}

export interface ValueRequest {
  /** 0-based row number within the table's seed. */
  row: number;
  /** The column takes part in a unique constraint or primary key: values must not repeat. */
  unique: boolean;
  /** NULL is allowed: some rows get it. */
  nullable: boolean;
  /** `plain` drops the limits (short strings, small numbers, no NULLs): the retry for a refused row. */
  style: 'limits' | 'plain';
}

/**
 * The value of one cell as text the server casts to the column's type (Postgres `$1::type`; MySQL
 * converts strings itself), or null for SQL NULL. Null is also returned when no value of the class
 * is known: the column is then left to its default or NULL, or the table is reported as unseedable.
 */
export function cellValue(type: TypeClass, req: ValueRequest): string | null {
  const { row, unique, style } = req;
  // Every fourth row (not the first, which carries the limit values) is NULL where NULL is allowed.
  if (req.nullable && style === 'limits' && row % 4 === 3) return null;
  const n = unique ? row : row % 3;
  switch (type.kind) {
    case 'int': {
      if (style === 'limits' && row === 0)
        return type.unsigned ? String(type.max * 2n + 1n) : String(type.max);
      return String(n + 1);
    }
    case 'decimal': {
      const whole = type.digits - type.scale;
      if (style === 'limits' && row === 0 && whole > 0) {
        return `${'9'.repeat(whole)}${type.scale > 0 ? `.${'9'.repeat(type.scale)}` : ''}`;
      }
      return whole > 0
        ? String((n + 1) % 10 ** Math.min(whole, 15))
        : `0.${String(n + 1).padStart(type.scale, '0')}`;
    }
    case 'float':
      return style === 'limits' && row === 0 ? '1e30' : `${n + 1}.5`;
    case 'string':
      return stringValue(type.length, n, unique, style);
    case 'bool':
      return type.asNumber ? String(n % 2) : n % 2 === 0 ? 'true' : 'false';
    case 'date':
      return isoDay(n);
    case 'timestamp':
      return `${isoDay(n)} 12:34:56`;
    case 'time':
      return `${String(n % 24).padStart(2, '0')}:34:56`;
    case 'year':
      return String(2000 + (n % 100));
    case 'uuid':
      return `00000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}`;
    case 'json':
      return JSON.stringify({ seed: n + 1 });
    case 'bytes': {
      if (!unique && type.length !== null) return 'x'.repeat(Math.min(type.length, 8));
      // A unique short binary (varbinary(4)) keeps the distinct tail of the tag, as strings do.
      const tag = `seed-${n + 1}`;
      return type.length !== null && tag.length > type.length ? tag.slice(-type.length) : tag;
    }
    case 'bit':
      return bitValue(type.width, style === 'limits' && row === 0 ? null : n + 1);
    case 'labels':
      // Cycled even where unique: more rows than labels is the server's to refuse (seed.ts keeps the rows it takes).
      return type.labels[n % type.labels.length]!;
    case 'interval':
      return `${n + 1} days`;
    case 'inet':
      return `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    case 'array':
      return '{}';
    case 'unknown':
      return null;
  }
}

function stringValue(length: number | null, n: number, unique: boolean, style: ValueRequest['style']) {
  const tag = unique ? `v${n + 1}` : `v${(n % 3) + 1}`;
  if (style === 'plain') return length !== null && length < tag.length ? tag.slice(-length) : tag;
  // Fill the declared length (a fixed-length column is padded by the server anyway), or go past the
  // narrow limits a migration might introduce when the column is unbounded.
  const target = length ?? UNBOUNDED_TEXT_LENGTH;
  if (target < tag.length) return unique ? tag.slice(-target) : tag.slice(0, target);
  return `${tag}${'x'.repeat(target - tag.length)}`;
}

/**
 * A bit string of exactly `width` digits ('0101'): Postgres casts it (`'0101'::bit(4)`), the MySQL
 * target converts it (CONV(?, 2, 10)). `value` null means every bit set, the type's largest value.
 */
function bitValue(width: number, value: number | null): string {
  if (value === null) return '1'.repeat(width);
  return value.toString(2).padStart(width, '0').slice(-width);
}

function isoDay(n: number): string {
  const day = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
  return day.toISOString().slice(0, 10);
}
