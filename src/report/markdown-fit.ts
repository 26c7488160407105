/**
 * Fitting a rendering into a size limit. A rendering is a list of blocks in document order; a
 * required block is always kept (the summary, every failure), optional blocks are added by priority
 * while they fit. Blocks are whole markdown structures (a table, a `<details>` with its fence), so
 * leaving one out never unbalances the markdown.
 */

export interface Block {
  text: string;
  required: boolean;
  /** Lower is added first among optional blocks. */
  priority: number;
}

export const req = (text: string): Block => ({ text, required: true, priority: 0 });
export const opt = (text: string, priority: number): Block => ({ text, required: false, priority });

export type Measure = (text: string) => number;
export const characters: Measure = (text) => text.length;
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

const SEPARATOR = '\n\n';

function size(blocks: Block[], measure: Measure): number {
  const texts = blocks.filter((b) => b.text !== '');
  return (
    texts.reduce((sum, b) => sum + measure(b.text), 0) + SEPARATOR.length * Math.max(0, texts.length - 1)
  );
}

export function join(blocks: Block[]): string {
  return `${blocks
    .map((b) => b.text)
    .filter((t) => t !== '')
    .join(SEPARATOR)}\n`;
}

/**
 * Everything, when it fits. Otherwise the required blocks plus as many optional blocks as fit (by
 * priority, then document order), or null when even the required blocks are too large.
 */
export function fitBlocks(
  blocks: Block[],
  limit: number,
  measure: Measure,
): { text: string; dropped: number } | null {
  // +1 for the final newline of join().
  if (size(blocks, measure) + 1 <= limit) return { text: join(blocks), dropped: 0 };
  const keep = new Set(blocks.filter((b) => b.required));
  let used = size([...keep], measure) + 1;
  if (used > limit) return null;
  const optional = blocks
    .map((block, order) => ({ block, order }))
    .filter(({ block }) => !block.required && block.text !== '')
    .sort((a, b) => a.block.priority - b.block.priority || a.order - b.order);
  let dropped = 0;
  for (const { block } of optional) {
    const cost = measure(block.text) + SEPARATOR.length;
    if (used + cost <= limit) {
      keep.add(block);
      used += cost;
    } else dropped++;
  }
  return { text: join(blocks.filter((b) => keep.has(b))), dropped };
}

/**
 * Last resort: cut a rendering that has no fences or `<details>` line by line (only the `line`
 * level reaches this, with hundreds of failures), saying how many lines were left out.
 */
export function cutLines(
  text: string,
  limit: number,
  measure: Measure,
  note: (hidden: number) => string,
): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  const reserve = measure(note(lines.length)) + 2;
  for (const [i, line] of lines.entries()) {
    const cost = measure(line) + 1;
    if (used + cost + reserve > limit) {
      const hidden = lines.slice(i).filter((l) => l.startsWith('- ')).length;
      kept.push('', note(hidden));
      break;
    }
    kept.push(line);
    used += cost;
  }
  return `${kept.join('\n').replace(/\n+$/, '')}\n`;
}
