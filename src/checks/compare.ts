/**
 * How the round trip and the re-apply compare the database with the schema it should hold: over the
 * step's scope first, in full to confirm a mismatch, with column order counted as a warning.
 */
import { diff } from '../schema/diff.js';
import type { Difference, DiffOptions } from '../schema/difference.js';
import { restrictToScope, type Schema, type Scope } from '../schema/model.js';
import type { Workspace } from './workspace.js';

/**
 * Round trip and re-apply compare one database with itself over time, so column order counts (a
 * column re-added at the end breaks positional INSERT and COPY); it is a warning-level difference.
 */
export const SAME_DATABASE: DiffOptions = { columnOrder: true };

/** `warn` when every difference is warning-level (column order only), otherwise `fail`. */
export function severityOf(differences: Difference[]): 'warn' | 'fail' {
  return differences.every((d) => d.severity === 'warning') ? 'warn' : 'fail';
}

/**
 * Compares the database, as `seen` over its scope, with `expected`; a mismatch is confirmed with a
 * full snapshot, which is what gets reported.
 */
export async function compare(
  ws: Workspace,
  expected: Schema,
  seen: { scope: Scope; schema: Schema },
): Promise<Difference[]> {
  if (seen.scope.all) return failuresFirst(diff(expected, seen.schema, SAME_DATABASE));
  const scoped = diff(restrictToScope(expected, seen.scope), seen.schema, SAME_DATABASE);
  if (scoped.length === 0) return scoped;
  return failuresFirst(diff(expected, await ws.snapshot(), SAME_DATABASE));
}

/** The differences that fail the check lead the message and the list; warnings follow. */
function failuresFirst(differences: Difference[]): Difference[] {
  return [
    ...differences.filter((d) => d.severity !== 'warning'),
    ...differences.filter((d) => d.severity === 'warning'),
  ];
}

/**
 * Whether the schema still equals `expected`, confirmed in full when `seen` was scoped: an empty
 * down passes on this alone, so a change the tracker did not scope must not slip through.
 */
export async function unchangedInFull(
  ws: Workspace,
  expected: Schema,
  seen: { scope: Scope; schema: Schema },
): Promise<boolean> {
  if (seen.scope.all) return diff(expected, seen.schema, SAME_DATABASE).length === 0;
  return diff(expected, await ws.snapshot(), SAME_DATABASE).length === 0;
}
