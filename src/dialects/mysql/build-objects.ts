/** Views, triggers, routines and (MariaDB) sequences -> model objects. */
import type { Routine, Sequence, Trigger, View } from '../../schema/model.js';
import { ident, normaliseType, quoteLiteral, stripDatabase } from './normalise.js';
import type { ColumnRow } from './queries/columns.js';
import type { ParameterRow, RoutineRow } from './queries/routines.js';
import type { SequenceRow, ViewRow } from './queries/tables.js';
import type { TriggerRow } from './queries/triggers.js';

/**
 * VIEW_DEFINITION is the server's rewrite of the query (both servers: backquoted, `AS` aliases,
 * database-qualified tables). The database qualifier is removed (throwaway databases differ in name);
 * the DEFINER is left out on purpose: it names whoever ran the migration, not the schema.
 */
export function buildView(row: ViewRow, columns: ColumnRow[], database: string): View {
  let definition = stripDatabase(row.definition ?? '', database);
  if (row.checkOption && row.checkOption !== 'NONE') definition += ` WITH ${row.checkOption} CHECK OPTION`;
  if (row.security === 'INVOKER') definition = `SQL SECURITY INVOKER ${definition}`;
  return {
    schema: '',
    name: row.name,
    materialized: false,
    definition,
    columns: columns.map((c) => `${c.name} ${normaliseType(c.columnType)}`),
    indexes: {},
    comment: null,
  };
}

/** Triggers of one table. ORDER is shown only where several triggers share a table, event and timing. */
export function buildTriggers(rows: TriggerRow[], database: string): Record<string, Trigger> {
  const siblings = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.timing} ${row.event}`;
    siblings.set(key, (siblings.get(key) ?? 0) + 1);
  }
  const out: Record<string, Trigger> = {};
  for (const row of rows) {
    const shared = (siblings.get(`${row.timing} ${row.event}`) ?? 0) > 1;
    const order = shared ? ` ORDER ${row.order}` : '';
    const statement = stripDatabase(row.statement, database);
    out[row.name] = {
      name: row.name,
      definition: `${row.timing} ${row.event}${order} FOR EACH ROW ${statement}`,
    };
  }
  return out;
}

/**
 * Routines keyed by name: MySQL has no overloading, but a function and a procedure may share a
 * name, so the second of such a pair is keyed `name (procedure)`. The definition is assembled from
 * ROUTINES and PARAMETERS (types through normaliseType, so MariaDB's `int(11)` reads like MySQL's `int`).
 */
export function buildRoutines(
  routines: RoutineRow[],
  parameters: ParameterRow[],
  database: string,
): Record<string, Routine> {
  const out: Record<string, Routine> = {};
  for (const row of routines) {
    const kind = row.type.toLowerCase();
    const args = parameters
      .filter((p) => p.routine === row.name && p.type === row.type)
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((p) => {
        // Function parameters are always IN: MySQL reports no mode for them, MariaDB reports IN.
        const mode = kind === 'procedure' && p.mode ? `${p.mode} ` : '';
        return `${mode}${ident(p.name)} ${normaliseType(p.dataType)}`;
      })
      .join(', ');
    const parts = [`${row.type} ${ident(row.name)}(${args})`];
    if (kind === 'function' && row.returns) parts.push(`RETURNS ${normaliseType(row.returns)}`);
    parts.push(row.deterministic === 'YES' ? 'DETERMINISTIC' : 'NOT DETERMINISTIC');
    parts.push(row.dataAccess);
    if (row.security === 'INVOKER') parts.push('SQL SECURITY INVOKER');
    if (row.comment) parts.push(`COMMENT ${quoteLiteral(row.comment)}`);
    // A NULL body means the user may not read it; the signature is still compared.
    const body = row.body === null ? '' : `\n${stripDatabase(row.body, database)}`;
    const key = out[row.name] === undefined ? row.name : `${row.name} (${kind})`;
    out[key] = { schema: '', name: row.name, kind, arguments: args, definition: `${parts.join(' ')}${body}` };
  }
  return out;
}

export function buildSequence(row: SequenceRow): Sequence {
  return {
    schema: '',
    name: row.name,
    // MariaDB before 11.5 has bigint sequences only; the settings are what tells them apart.
    type: 'bigint',
    start: String(row.start),
    increment: String(row.increment),
    min: String(row.min),
    max: String(row.max),
    cache: String(row.cache),
    cycle: Number(row.cycle) === 1,
    ownedBy: null,
  };
}
