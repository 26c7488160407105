/**
 * The few things the server's renderings need before two snapshots compare fairly. Everything else
 * is compared exactly as Postgres renders it.
 */
import type { ConstraintKind } from '../../schema/model.js';

const FK_ACTIONS: Record<string, string> = {
  // RESTRICT and NO ACTION differ only in when the check runs; every diff tool treats them alike.
  a: 'no action',
  r: 'no action',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

export function fkAction(code: string): string {
  return FK_ACTIONS[code] ?? code;
}

const MATCH: Record<string, string> = { f: 'full', p: 'partial', s: 'simple' };

export function fkMatch(code: string): string {
  return MATCH[code] ?? code;
}

/**
 * pg_get_constraintdef omits NO ACTION but prints RESTRICT; drop RESTRICT so that the definition
 * agrees with the normalised ForeignKey actions.
 */
export function foreignKeyDefinition(definition: string): string {
  return definition.replace(/ ON (DELETE|UPDATE) RESTRICT\b/g, '');
}

export const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  p: 'primary key',
  u: 'unique',
  f: 'foreign key',
  c: 'check',
  x: 'exclusion',
};

/** The suffix Postgres gives a name it chooses (ChooseConstraintName / ChooseIndexName). */
export const DEFAULT_NAME_LABEL: Record<ConstraintKind, string> = {
  'primary key': 'pkey',
  unique: 'key',
  'foreign key': 'fkey',
  check: 'check',
  exclusion: 'excl',
};

/**
 * Whether `name` looks like one Postgres chose for an object of `table`: `<table>[_<cols>]_<label>[N]`.
 * Postgres truncates the table part when the whole name would pass 63 bytes, so near that length a
 * prefix of the table name is accepted.
 */
export function looksGenerated(table: string, name: string, labels: string[]): boolean {
  for (const label of labels) {
    const match = new RegExp(`^(.+)_${label}\\d*$`).exec(name);
    if (!match) continue;
    const body = match[1]!;
    if (body === table || body.startsWith(`${table}_`)) return true;
    if (Buffer.byteLength(name) >= 60) {
      for (let k = table.length - 1; k > 0; k--) if (body.startsWith(`${table.slice(0, k)}_`)) return true;
    }
  }
  return false;
}

/**
 * pg_get_indexdef without `CREATE [UNIQUE] INDEX name ON [ONLY] table `, so that two indexes that
 * differ only by name (or are on a partitioned table) compare equal: `UNIQUE USING btree (email)`.
 */
export function indexDefinition(
  indexdef: string,
  quotedName: string,
  tableRef: string,
  unique: boolean,
): string {
  const head = `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quotedName} ON `;
  if (!indexdef.startsWith(head)) return indexdef;
  let rest = indexdef.slice(head.length);
  if (rest.startsWith('ONLY ')) rest = rest.slice('ONLY '.length);
  if (!rest.startsWith(`${tableRef} `)) return indexdef;
  rest = rest.slice(tableRef.length + 1);
  return unique ? `UNIQUE ${rest}` : rest;
}

const TYPE_MAX: Record<string, string> = {
  smallint: '32767',
  integer: '2147483647',
  bigint: '9223372036854775807',
};

export interface IdentitySequence {
  start: string | null;
  increment: string | null;
  min: string | null;
  max: string | null;
  cache: string | null;
  cycle: boolean | null;
}

/**
 * 'always' | 'by default', followed by the identity sequence's options where they are not the
 * defaults, so that `SET INCREMENT BY 5` on an identity is a difference of the column.
 */
export function identityText(code: string, type: string, seq: IdentitySequence): string | null {
  const kind = code === 'a' ? 'always' : code === 'd' ? 'by default' : null;
  if (!kind) return null;
  const options: string[] = [];
  const ascending = !seq.increment?.startsWith('-');
  const typeMax = TYPE_MAX[type];
  const defaults = ascending
    ? { start: '1', increment: '1', min: '1', max: typeMax }
    : { start: '-1', increment: '-1', min: typeMax ? `-${typeMax}` : undefined, max: '-1' };
  // Descending minimums are one below -max: compare loosely there, the start and increment tell.
  if (seq.start !== null && seq.start !== defaults.start) options.push(`start ${seq.start}`);
  if (seq.increment !== null && seq.increment !== defaults.increment)
    options.push(`increment ${seq.increment}`);
  if (seq.min !== null && ascending && seq.min !== defaults.min) options.push(`minvalue ${seq.min}`);
  if (seq.max !== null && ascending && seq.max !== defaults.max) options.push(`maxvalue ${seq.max}`);
  if (seq.cache !== null && seq.cache !== '1') options.push(`cache ${seq.cache}`);
  if (seq.cycle) options.push('cycle');
  return options.length ? `${kind} (${options.join(' ')})` : kind;
}

const POLICY_COMMANDS: Record<string, string> = {
  r: 'SELECT',
  a: 'INSERT',
  w: 'UPDATE',
  d: 'DELETE',
  '*': 'ALL',
};

export function policyDefinition(row: {
  permissive: boolean;
  command: string;
  roles: string[];
  qual: string | null;
  with_check: string | null;
}): string {
  const parts = [
    `AS ${row.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`,
    `FOR ${POLICY_COMMANDS[row.command] ?? row.command}`,
    `TO ${row.roles.join(', ')}`,
  ];
  if (row.qual !== null) parts.push(`USING (${row.qual})`);
  if (row.with_check !== null) parts.push(`WITH CHECK (${row.with_check})`);
  return parts.join(' ');
}

const TRIGGER_STATES: Record<string, string> = { D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/** pg_get_triggerdef does not say whether the trigger is enabled; append it when it is not the default. */
export function triggerDefinition(definition: string, enabled: string): string {
  const state = TRIGGER_STATES[enabled];
  return state ? `${definition} (${state})` : definition;
}
