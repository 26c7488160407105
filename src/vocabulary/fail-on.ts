/**
 * The words of `fail-on` (their meaning: src/report/verdict.ts). A leaf, so src/config/ can parse
 * the setting without importing the report.
 */

export const FAIL_ON_KINDS = ['migration', 'irreversible', 'drift', 'finding', 'hazard', 'warning'] as const;
export type FailOnKind = (typeof FAIL_ON_KINDS)[number];

export const DEFAULT_FAIL_ON: readonly FailOnKind[] = ['migration', 'irreversible', 'drift', 'finding'];

/** Parses `fail-on`; returns an error message naming the bad word, or the set. */
export function parseFailOn(text: string): { kinds: Set<FailOnKind> } | { error: string } {
  const words = text
    .split(/[\s,]+/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  if (words.length === 0) return { kinds: new Set(DEFAULT_FAIL_ON) };
  const kinds = new Set<FailOnKind>();
  for (const word of words) {
    if (word === 'all') for (const k of FAIL_ON_KINDS) kinds.add(k);
    else if (word === 'none') continue;
    else if ((FAIL_ON_KINDS as readonly string[]).includes(word)) kinds.add(word as FailOnKind);
    else return { error: `unknown value '${word}'; use any of ${FAIL_ON_KINDS.join(', ')}, all, none` };
  }
  if (words.includes('none') && kinds.size > 0)
    return { error: `'none' cannot be combined with other values` };
  return { kinds };
}
