/**
 * Escaping for GitHub-flavoured markdown. Everything a migration, a database or a pull request can
 * put into the report (SQL, identifiers, error messages, file names) is untrusted: it may hold
 * backtick fences, HTML, `</details>`, table pipes or @mentions. Text goes through `escapeText`,
 * code through `fence`; nothing else reaches the markdown raw.
 *
 * Text is escaped with HTML entities rather than backslashes on purpose: entities mean the same in a
 * table cell, in a paragraph and inside a raw HTML block (`<summary>`), while backslash escapes do
 * not work in HTML blocks and interact with GFM's pipe splitting in tables.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '~': '&#126;',
  $: '&#36;', // GitHub renders $...$ as math
};

/**
 * `_` is only escaped where it could open or close emphasis (not between two word characters), so
 * snake_case names stay readable in the raw markdown. `@name` and `#123` get a zero-width space
 * after the sign, which stops GitHub from notifying users and cross-referencing issues (Dependabot
 * does the same); the reader still sees `@name`.
 */
const SPECIAL = /[&<>|\\`*[\]~$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|@(?=[\p{L}\p{N}_-])|#(?=\p{N})/gu;

function entity(c: string): string {
  if (c === '@' || c === '#') return `${c}&#8203;`;
  return ENTITIES[c] ?? c;
}

// C0 controls other than tab/newline, DEL, and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g;

/** Line endings to `\n`, control characters removed. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** Shortens to at most `max` characters (code points are not split), marking the cut. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  // Do not split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * One line of inert text: safe in a paragraph, a heading, a table cell and an HTML block. Newlines
 * become spaces (a newline would end a table row), and long text is clamped to `max` characters
 * before escaping so the cut never lands inside an entity.
 */
export function escapeText(text: string, max = 2000): string {
  const line = clamp(normalizeNewlines(text).replace(/\s+/g, ' ').trim(), max);
  return line.replace(SPECIAL, entity);
}

/** Inline code that works everywhere `escapeText` does (a `<code>` element, not backticks). */
export function code(text: string, max = 500): string {
  return `<code>${escapeText(text, max)}</code>`;
}

/** The longest run of backticks anywhere in the text. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A fenced code block that cannot be closed early by its content: the fence is one backtick longer
 * than any backtick run inside (CommonMark closes a fence only with a run at least as long). Inside
 * a fence, HTML, `</details>` and @mentions are inert text.
 */
export function fence(content: string, lang = ''): string {
  const body = normalizeNewlines(content).replace(/\n+$/, '');
  const ticks = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

/**
 * A collapsible section. The blank lines matter: GitHub only renders markdown (the fence) inside
 * `<details>` when it is separated from the HTML lines by blank lines.
 */
export function details(summaryHtml: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}

/** A markdown table; cells must already be escaped. */
export function table(header: string[], align: ('l' | 'c' | 'r')[], rows: string[][]): string {
  const sep = align.map((a) => (a === 'c' ? ':-:' : a === 'r' ? '--:' : ':--'));
  const line = (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header), line(sep), ...rows.map(line)].join('\n');
}

/**
 * A link to an http(s) URL, or the plain label when the URL is anything else (a report read back
 * from a fork's artifact must not be able to inject `javascript:` or break out of the parentheses).
 */
export function link(label: string, url: string | null | undefined): string {
  const text = escapeText(label);
  if (!url || !/^https?:\/\/[^\s<>"]+$/.test(url)) return text;
  const safe = url.replace(
    /[()[\]|`]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${text}](${safe})`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
