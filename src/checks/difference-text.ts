import type { Difference } from '../schema/difference.js';

/**
 * Phrases a difference found by a round trip or a re-apply from the reader's side: what the down
 * left behind, what it failed to restore, what the second up did differently.
 * `expected` is the schema that should have been there, `actual` what the database had.
 */
export function phraseDifference(d: Difference, expectedLabel: string, actualLabel: string): string {
  if (d.change === 'added') return `${d.object} exists ${actualLabel} but not ${expectedLabel}`;
  if (d.change === 'removed') return `${d.object} is missing ${actualLabel} (it existed ${expectedLabel})`;
  if (d.attribute === 'position')
    return `${d.object} is at position ${show(d.after)} ${actualLabel} but was at position ${show(d.before)} ${expectedLabel}`;
  return `${d.object}: ${d.attribute} is ${show(d.after)} ${actualLabel} but was ${show(d.before)} ${expectedLabel}`;
}

function show(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'none';
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}

export function summarise(
  differences: Difference[],
  expectedLabel: string,
  actualLabel: string,
  limit = 3,
): string {
  const shown = differences.slice(0, limit).map((d) => phraseDifference(d, expectedLabel, actualLabel));
  const more = differences.length > limit ? `; and ${differences.length - limit} more` : '';
  return `${shown.join('; ')}${more}`;
}
