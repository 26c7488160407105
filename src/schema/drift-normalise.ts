/**
 * Spellings that are the same thing to the server but come back differently because two tools wrote
 * them differently. A round trip never needs this (the same migration writes the same text both
 * times); drift compares what a migration wrote with what an ORM or a schema file wrote, so it does.
 *
 * Only rewrites that keep the text valid SQL for the same engine belong here: the drift DDL is
 * generated from the normalised schemas.
 */
import { ENGINES } from '../dialects/registry.js';
import { applyIgnore, parseIgnore } from './ignore.js';
import type { Column, Schema, Table } from './model.js';

/** Defaults the engine keeps apart but that are one thing (its descriptor's `equivalentDefaults`). */
function normaliseColumn(engine: Schema['engine'], column: Column): Column {
  if (column.default === null) return column;
  for (const [pattern, replacement] of ENGINES[engine].equivalentDefaults) {
    if (pattern.test(column.default)) return { ...column, default: replacement };
  }
  return column;
}

export function normaliseForDrift(schema: Schema): Schema {
  const tables: Record<string, Table> = {};
  for (const [key, table] of Object.entries(schema.tables)) {
    const columns: Record<string, Column> = {};
    for (const [name, column] of Object.entries(table.columns))
      columns[name] = normaliseColumn(schema.engine, column);
    tables[key] = { ...table, columns };
  }
  return { ...schema, tables };
}

/**
 * Both schemas as drift compares them: equal spellings made equal, `--ignore`d objects left out.
 * The drift check, its SQL and the knex migration all start from these. Invalid patterns throw UsageError.
 */
export function driftSchemas(args: { migrated: Schema; models: Schema; ignore: string[] }): {
  from: Schema;
  to: Schema;
} {
  const rules = parseIgnore(args.ignore);
  return {
    from: applyIgnore(normaliseForDrift(args.migrated), rules),
    to: applyIgnore(normaliseForDrift(args.models), rules),
  };
}
