/**
 * The drift check: the schema the migrations build (`migrated`) against the schema the models build
 * (`models`), for one engine. Differences read "migrations give X, models say Y", and come with the
 * DDL that would bring the migrations to the models (see src/schema/ddl/).
 */

import type { DriftReport } from '../report/model.js';
import { generateDdl } from '../schema/ddl/index.js';
import { diff } from '../schema/diff.js';
import type { Difference } from '../schema/difference.js';
import { driftSchemas } from '../schema/drift-normalise.js';
import { COLLECTION_NOUN, type Schema } from '../schema/model.js';

export interface DriftArgs {
  migrated: Schema;
  models: Schema;
  /** `--ignore` patterns (see src/schema/ignore.ts and docs/drift.md). Invalid ones throw UsageError. */
  ignore: string[];
  mode: 'fail' | 'warn';
  /** How the models were built, as ModelSource.describe says. */
  source: string;
}

export async function checkDrift(args: DriftArgs): Promise<DriftReport> {
  const { from, to } = driftSchemas(args);
  const differences = diff(from, to, { matchGeneratedNamesByDefinition: true });
  const status = differences.length === 0 ? 'pass' : args.mode === 'fail' ? 'fail' : 'warn';
  return {
    status,
    source: args.source,
    differences,
    sql: await generateDdl(from, to, differences),
  };
}

function show(value: string | null | undefined, kind: string): string {
  return value === null || value === undefined || value === '' ? `no ${kind}` : value;
}

/**
 * One drift difference in the reviewer's words:
 * `column public.users.email: type: migrations give character varying(100), models say text`.
 */
export function describeDrift(d: Difference): string {
  if (d.change === 'added')
    return `${d.object}: migrations give no such ${d.kind}, models say ${show(d.after, d.kind)}`;
  if (d.change === 'removed')
    return `${d.object}: migrations give ${show(d.before, d.kind)}, models say no such ${d.kind}`;
  const attribute = d.attribute ?? 'definition';
  if (attribute === 'nullable') {
    const word = (v: string | null | undefined) => (v === 'true' ? 'NULL' : 'NOT NULL');
    return `${d.object}: nullable: migrations give ${word(d.before)}, models say ${word(d.after)}`;
  }
  return `${d.object}: ${attribute}: migrations give ${show(d.before, attribute)}, models say ${show(d.after, attribute)}`;
}

/** Drift differences grouped by the object they belong to (a table and its columns, indexes, ...). */
export function groupDrift(differences: Difference[]): { object: string; lines: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const d of differences) {
    const key = `${COLLECTION_NOUN[d.parent.collection]} ${d.parent.key}`;
    groups.set(key, [...(groups.get(key) ?? []), describeDrift(d)]);
  }
  return [...groups].map(([object, lines]) => ({ object, lines }));
}
