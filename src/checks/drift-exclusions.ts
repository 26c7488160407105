/**
 * What the project's own configuration leaves out of drift (Alembic env.py's include_name /
 * include_object, which `alembic check` honours): those tables and columns are taken out of both
 * schemas before they are compared, and one warning finding per filter names what it left out, so
 * nothing is hidden silently. `--ignore` is applied afterwards, as before (src/schema/ignore.ts).
 */
import { ENGINES } from '../dialects/registry.js';
import type { ModelSource, TableNames } from '../models/model-source.js';
import type { Finding } from '../report/model.js';
import type { Schema, Table } from '../schema/model.js';

export interface Excluded {
  migrated: Schema;
  models: Schema;
  findings: Finding[];
}

/** The schema part the filters see: MySQL's "schema" is the throwaway database, never a name. */
function schemaOf(schema: Schema, table: Table): string {
  return ENGINES[schema.engine].schemaQualified ? table.schema : '';
}

const id = (schema: string, name: string) => `${schema}\u0000${name}`;

export async function applyModelExclusions(
  source: ModelSource,
  migrated: Schema,
  models: Schema,
  signal?: AbortSignal,
): Promise<Excluded> {
  if (!source.exclusions) return { migrated, models, findings: [] };
  const tables = new Map<string, TableNames>();
  for (const schema of [migrated, models]) {
    for (const table of Object.values(schema.tables)) {
      const ns = schemaOf(schema, table);
      const entry = tables.get(id(ns, table.name)) ?? { schema: ns, name: table.name, columns: [] };
      for (const column of Object.keys(table.columns))
        if (!entry.columns.includes(column)) entry.columns.push(column);
      tables.set(id(ns, table.name), entry);
    }
  }
  const result = await source.exclusions([...tables.values()], signal);
  if (!result) return { migrated, models, findings: [] };

  const findings: Finding[] = result.warnings.map((message) => ({
    kind: 'drift-filter-error',
    severity: 'warning',
    message,
  }));
  const droppedTables = new Set(result.tables.map((t) => id(t.schema, t.name)));
  const droppedColumns = new Map<string, Set<string>>();
  for (const c of result.columns) {
    const key = id(c.schema, c.table);
    droppedColumns.set(key, (droppedColumns.get(key) ?? new Set()).add(c.name));
  }
  const without = (schema: Schema): Schema => {
    const kept: Record<string, Table> = {};
    for (const [key, table] of Object.entries(schema.tables)) {
      const ns = schemaOf(schema, table);
      if (droppedTables.has(id(ns, table.name))) continue;
      const columns = droppedColumns.get(id(ns, table.name));
      kept[key] = columns
        ? {
            ...table,
            columns: Object.fromEntries(Object.entries(table.columns).filter(([n]) => !columns.has(n))),
          }
        : table;
    }
    return { ...schema, tables: kept };
  };

  const shown = (schema: string, name: string) => (schema ? `${schema}.${name}` : name);
  const notes = new Map<string, { tables: string[]; columns: string[] }>();
  const note = (by: string) => notes.get(by) ?? notes.set(by, { tables: [], columns: [] }).get(by)!;
  for (const t of result.tables) note(t.by).tables.push(shown(t.schema, t.name));
  for (const c of result.columns) note(c.by).columns.push(`${shown(c.schema, c.table)}.${c.name}`);
  for (const [by, { tables: t, columns: c }] of notes) {
    const parts = [
      t.length ? `${t.length} table${t.length === 1 ? '' : 's'} (${t.sort().join(', ')})` : '',
      c.length ? `${c.length} column${c.length === 1 ? '' : 's'} (${c.sort().join(', ')})` : '',
    ].filter(Boolean);
    findings.push({
      kind: 'drift-filtered',
      severity: 'warning',
      message: `${by} leaves out ${parts.join(' and ')}: drift does not compare them, as alembic check does not`,
    });
  }
  return { migrated: without(migrated), models: without(models), findings };
}
