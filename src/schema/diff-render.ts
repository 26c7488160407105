/**
 * How values and whole objects are written into a Difference. Kept apart from the walk in diff.ts so
 * that every renderer (console, markdown, JSON) sees the same strings.
 */
import type { Difference } from './difference.js';
import type { Column, EnumType, Extension, Sequence, Table } from './model.js';

/**
 * Attribute values become strings: booleans 'true'/'false', arrays joined, absent values null. An
 * empty array is absent too, so a dialect that leaves `include` out and one that sets `[]` agree.
 */
export function renderValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map((v) => renderValue(v) ?? 'null').join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `integer not null default nextval(...)`: what a reviewer needs to recognise a column. */
export function columnDefinition(column: Column): string {
  const parts = [column.type];
  if (column.collation) parts.push(`collate ${column.collation}`);
  if (column.charset) parts.push(`charset ${column.charset}`);
  if (!column.nullable) parts.push('not null');
  if (column.identity) parts.push(`identity ${column.identity}`);
  if (column.generated) parts.push(`generated ${column.generated}`);
  if (column.default !== null && column.default !== undefined) parts.push(`default ${column.default}`);
  if (column.onUpdate) parts.push(`on update ${column.onUpdate}`);
  return parts.join(' ');
}

export function tableDefinition(table: Table): string {
  const columns = Object.values(table.columns)
    .sort((a, b) => a.position - b.position)
    .map((c) => `${c.name} ${columnDefinition(c)}`);
  const constraints = Object.values(table.constraints).map((c) => c.definition);
  const prefix = table.kind && table.kind !== 'table' ? `${table.kind} ` : '';
  return `${prefix}(${[...columns, ...constraints].join(', ')})`;
}

export function enumDefinition(e: EnumType): string {
  return `(${e.values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}

export function sequenceDefinition(s: Sequence): string {
  const parts = [
    s.type,
    `start ${s.start}`,
    `increment ${s.increment}`,
    `min ${s.min}`,
    `max ${s.max}`,
    `cache ${s.cache}`,
    s.cycle ? 'cycle' : 'no cycle',
  ];
  if (s.ownedBy) parts.push(`owned by ${s.ownedBy}`);
  return parts.join(' ');
}

export function extensionDefinition(e: Extension): string {
  return `version ${e.version}${e.schema ? ` in schema ${e.schema}` : ''}`;
}

function show(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? 'none' : value;
}

/**
 * One line per difference, in neutral words (`added`, `removed`, `type: integer -> bigint`): the same
 * difference reads right for a round trip, a re-apply and drift.
 */
export function describeDifference(d: Difference): string {
  if (d.change === 'added') return d.after ? `${d.object}: added (${d.after})` : `${d.object}: added`;
  if (d.change === 'removed')
    return d.before ? `${d.object}: removed (was: ${d.before})` : `${d.object}: removed`;
  return `${d.object}: ${d.attribute ?? 'definition'}: ${show(d.before)} -> ${show(d.after)}`;
}

/** Why a warning-level difference is reported at all, in a few words; null for the others. */
export function warningNote(d: Difference): string | null {
  if (d.severity !== 'warning') return null;
  return d.attribute === 'position'
    ? 'column order: positional INSERT and COPY see another table'
    : 'warning only';
}
