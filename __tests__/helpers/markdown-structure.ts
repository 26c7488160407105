/**
 * A small structural reader for the markdown schemagate writes, following CommonMark's rules for
 * what matters to safety: where fenced code blocks open and close, and which HTML appears outside
 * them. Used to prove that hostile SQL cannot break a comment out of its fences or `<details>`.
 */

export interface Structure {
  /** Fences still open at the end (must be 0). */
  unclosedFences: number;
  /** `<details>` minus `</details>` outside code, at the end (must be 0). */
  openDetails: number;
  /** Whether `</details>` ever appeared outside code with no `<details>` open. */
  strayCloses: number;
  /** HTML tags outside code that schemagate does not write itself. */
  foreignTags: string[];
  /** `@name` outside code that GitHub would turn into a mention. */
  mentions: string[];
  /** Text outside fenced code blocks, line by line. */
  prose: string[];
  /** Contents of the fenced code blocks. */
  codeBlocks: string[];
  /** Table rows whose cell count differs from their header's. */
  raggedRows: string[];
}

const ALLOWED_TAGS = /^<\/?(details|summary|code|sub|br)>$|^<details open>$/;

function cells(row: string): number {
  // Rows are written as `| a | b |`; an unescaped pipe outside <code> would add a cell.
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|').length;
}

export function readStructure(markdown: string): Structure {
  const s: Structure = {
    unclosedFences: 0,
    openDetails: 0,
    strayCloses: 0,
    foreignTags: [],
    mentions: [],
    prose: [],
    codeBlocks: [],
    raggedRows: [],
  };
  let fence: { char: string; length: number; body: string[] } | null = null;
  let tableWidth: number | null = null;
  for (const line of markdown.split('\n')) {
    if (fence) {
      const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        s.codeBlocks.push(fence.body.join('\n'));
        fence = null;
      } else fence.body.push(line);
      continue;
    }
    const open = line.match(/^ {0,3}(`{3,}|~{3,})(.*)$/);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length, body: [] };
      tableWidth = null;
      continue;
    }
    s.prose.push(line);
    for (const tag of line.match(/<\/?[A-Za-z][^>]*>/g) ?? []) {
      if (tag === '<details>' || tag === '<details open>') s.openDetails++;
      else if (tag === '</details>') {
        if (s.openDetails === 0) s.strayCloses++;
        else s.openDetails--;
      }
      if (!ALLOWED_TAGS.test(tag)) s.foreignTags.push(tag);
    }
    for (const m of line.replace(/<!--.*?-->/g, '').match(/(?<![\w`])@[A-Za-z0-9][\w-]*/g) ?? [])
      s.mentions.push(m);
    if (line.startsWith('|')) {
      const width = cells(line);
      if (tableWidth === null) tableWidth = width;
      else if (width !== tableWidth) s.raggedRows.push(line);
    } else tableWidth = null;
  }
  if (fence) s.unclosedFences = 1;
  return s;
}
