/**
 * Which columns changed place in their table. Raw positions say little: dropping a column shifts
 * every column after it, and an added one shifts nothing that matters. What a user hits is a column
 * that now sits elsewhere among the others (a down that re-adds a dropped column at the end), so
 * positional INSERT and COPY see a different table. Only the columns both sides have are compared:
 * the longest run of them in the same order on both sides stays, the rest moved.
 */
import type { Column } from './model.js';

function inOrder(columns: Record<string, Column>, keep: (name: string) => boolean): string[] {
  return Object.values(columns)
    .filter((c) => keep(c.name))
    .sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => c.name);
}

/**
 * Names of the columns (present in both) that moved relative to the others, in `to`'s order.
 * Between equally long common orders, the column earlier in `from` counts as moved: for
 * `(id, a, b)` to `(id, b, a)` that is `a`, the one a re-add put at the end.
 */
export function movedColumns(from: Record<string, Column>, to: Record<string, Column>): string[] {
  const both = (name: string) => Object.hasOwn(from, name) && Object.hasOwn(to, name);
  const a = inOrder(from, both);
  const b = inOrder(to, both);
  // Longest common subsequence over suffixes; tables have tens of columns, so O(n²) is nothing.
  const n = a.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const stays = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < n) {
    if (a[i] === b[j]) {
      stays.add(a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return b.filter((name) => !stays.has(name));
}
