/**
 * Drift differences in the reviewer's words. Here, in the schema layer, because both the drift
 * check (src/checks/drift.ts) and the console renderer (src/report/console.ts) use them, and the
 * report must not import the checks.
 */
import type { Difference } from './difference.js';
import { COLLECTION_NOUN } from './model.js';

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
