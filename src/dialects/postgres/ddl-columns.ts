/**
 * Postgres columns: their definition in CREATE TABLE / ADD COLUMN, and the ALTER COLUMN steps from one
 * definition to another, in the order the server accepts them.
 */
import { parseType, typeChangeLosesData } from '../../schema/ddl/narrowing.js';
import { type Statements, stmt } from '../../schema/ddl/writer.js';
import type { Column, Table } from '../../schema/model.js';
import { pgComment as comment, pgIdent, pgRelation as q } from './ddl-quote.js';

/** `always` / `by default (start 5 increment 2)` as written by the dialect. */
function parseIdentity(text: string): { kind: string; options: Map<string, string> } {
  const m = /^(always|by default)(?:\s*\((.*)\))?$/.exec(text.trim());
  const options = new Map<string, string>();
  for (const o of (m?.[2] ?? '').matchAll(/(start|increment|minvalue|maxvalue|cache) (-?\d+)|(cycle)/g)) {
    if (o[3]) options.set('cycle', '');
    else options.set(o[1]!, o[2]!);
  }
  return { kind: m?.[1] ?? 'by default', options };
}

const IDENTITY_OPTION: Record<string, string> = {
  start: 'START WITH',
  increment: 'INCREMENT BY',
  minvalue: 'MINVALUE',
  maxvalue: 'MAXVALUE',
  cache: 'CACHE',
};

function identityClause(text: string): string {
  const { kind, options } = parseIdentity(text);
  const opts = [...options].map(([k, v]) => (k === 'cycle' ? 'CYCLE' : `${IDENTITY_OPTION[k]} ${v}`));
  return `GENERATED ${kind.toUpperCase()} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
}

/** `SET ...` clauses that take an identity from options `a` to options `b`. */
function identityOptionChanges(a: string, b: string): string[] {
  const x = parseIdentity(a).options;
  const y = parseIdentity(b).options;
  const out: string[] = [];
  for (const key of ['start', 'increment', 'minvalue', 'maxvalue', 'cache']) {
    if (x.get(key) === y.get(key)) continue;
    const value = y.get(key);
    if (value !== undefined) out.push(`SET ${IDENTITY_OPTION[key]} ${value}`);
    else if (key === 'minvalue' || key === 'maxvalue') out.push(`SET NO ${key.toUpperCase()}`);
    else out.push(`SET ${IDENTITY_OPTION[key]} 1`);
  }
  if (x.has('cycle') !== y.has('cycle')) out.push(y.has('cycle') ? 'SET CYCLE' : 'SET NO CYCLE');
  return out;
}

/** `(expr) stored` -> `GENERATED ALWAYS AS ((expr)) STORED`. */
function generatedClause(text: string): string {
  const m = /^([\s\S]*)\s+(stored|virtual)$/i.exec(text.trim());
  const expression = m ? m[1]! : text;
  const kind = m ? m[2]!.toUpperCase() : 'STORED';
  return `GENERATED ALWAYS AS (${expression}) ${kind}`;
}

export function columnDefinition(c: Column): string {
  const parts = [pgIdent(c.name), c.type];
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated) parts.push(generatedClause(c.generated));
  else if (c.identity) parts.push(identityClause(c.identity));
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (!c.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

const FAMILY: [RegExp, string][] = [
  [/^(smallint|integer|bigint|numeric|real|double precision)$/, 'number'],
  [/^(character varying|character|text|"char"|name|citext)$/, 'string'],
  [/^(timestamp|time)( with(out)? time zone)?$|^date$/, 'time'],
  [/^(json|jsonb)$/, 'json'],
];

/** An explicit cast is needed when no assignment cast exists between the two types' families. */
function needsUsing(a: string, b: string): boolean {
  const family = (t: string) => {
    const p = parseType(t);
    const base = FAMILY.find(([re]) => re.test(p.base))?.[1] ?? p.base;
    return `${base}${p.array ? '[]' : ''}`;
  };
  return family(a) !== family(b);
}

export function alterColumn(t: Table, a: Column, b: Column): Statements {
  const table = q(t);
  const col = pgIdent(b.name);
  const alter = (clause: string, destructive = false) =>
    stmt(`ALTER TABLE ${table} ALTER COLUMN ${col} ${clause}`, destructive);
  // A change of generation is a new column: the stored values are recomputed (or lost, if there were
  // ordinary values before).
  if ((a.generated ?? null) !== (b.generated ?? null)) {
    return [
      stmt(`ALTER TABLE ${table} DROP COLUMN ${col}`, !a.generated),
      stmt(`ALTER TABLE ${table} ADD COLUMN ${columnDefinition(b)}`),
      ...(b.comment ? comment(`COLUMN ${table}.${col}`, b.comment) : []),
    ];
  }
  const out: Statements = [];
  const retype = a.type !== b.type || (a.collation ?? null) !== (b.collation ?? null);
  if (a.identity && !b.identity) out.push(alter('DROP IDENTITY'));
  // A default of the old type may not cast to the new one: drop it first, set it again after.
  if (a.default !== null && (b.default === null || retype)) out.push(alter('DROP DEFAULT'));
  if (retype) {
    const collate = b.collation ? ` COLLATE ${b.collation}` : '';
    const using = needsUsing(a.type, b.type) ? ` USING ${col}::${b.type}` : '';
    out.push(alter(`TYPE ${b.type}${collate}${using}`, typeChangeLosesData('postgres', a.type, b.type)));
  }
  if (a.nullable !== b.nullable) out.push(alter(b.nullable ? 'DROP NOT NULL' : 'SET NOT NULL'));
  if (b.default !== null && (a.default !== b.default || retype)) out.push(alter(`SET DEFAULT ${b.default}`));
  if (b.identity && !a.identity) out.push(alter(`ADD ${identityClause(b.identity)}`));
  if (a.identity && b.identity && a.identity !== b.identity) {
    const kind = parseIdentity(b.identity).kind;
    const clauses = [
      ...(parseIdentity(a.identity).kind !== kind ? [`SET GENERATED ${kind.toUpperCase()}`] : []),
      ...identityOptionChanges(a.identity, b.identity),
    ];
    if (clauses.length) out.push(alter(clauses.join(' ')));
  }
  if ((a.comment ?? null) !== (b.comment ?? null)) out.push(...comment(`COLUMN ${table}.${col}`, b.comment));
  return out;
}
