/**
 * Ordering helpers for objects whose dependencies are only visible in their text (views over views,
 * views over tables): a name mentioned as a whole word is taken as a dependency. Over-approximating is
 * safe here: it only rebuilds a view more than strictly needed or orders two independent ones.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` mentions `name` as an identifier (bare, quoted or qualified). */
export function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_$])${escapeRegExp(name)}($|[^A-Za-z0-9_$])`).test(text);
}

/**
 * Keys of `objects` so that every object comes after the objects its text mentions. Ties and cycles
 * keep code-point order, so the result is deterministic.
 */
export function dependencyOrder<T extends { name: string }>(
  objects: Record<string, T>,
  textOf: (o: T) => string,
): string[] {
  const keys = Object.keys(objects).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const deps = new Map<string, string[]>();
  for (const key of keys) {
    const text = textOf(objects[key]!);
    deps.set(
      key,
      keys.filter((other) => other !== key && mentions(text, objects[other]!.name)),
    );
  }
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string) => {
    if (state.get(key)) return; // done, or a cycle: leave it where it is
    state.set(key, 'visiting');
    for (const dep of deps.get(key)!) visit(dep);
    state.set(key, 'done');
    out.push(key);
  };
  for (const key of keys) visit(key);
  return out;
}
