/**
 * Splits a MySQL/MariaDB script into statements the way the `mysql` client does, so a structure dump
 * (mysqldump --no-data) runs unchanged: quotes, comments and `DELIMITER` lines are honoured, and each
 * statement keeps the line it starts on, so a server error can point into the file.
 *
 * Postgres needs none of this: the whole file goes to the server in one query and the server reports
 * a character position.
 */

export interface SqlStatement {
  sql: string;
  /** 1-based line in the file where the statement's text starts. */
  line: number;
}

/** True for text that is only whitespace and comments; `/*! ... *\/` is executable and counts as SQL. */
export function isBlank(sql: string): boolean {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i) && /[\s]/.test(sql[i + 2] ?? '\n')) i = skipLine(sql, i);
    else if (c === '#') i = skipLine(sql, i);
    else if (sql.startsWith('/*', i) && sql[i + 2] !== '!' && !sql.startsWith('/*M!', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else return false;
  }
  return true;
}

function skipLine(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end < 0 ? sql.length : end;
}

export function splitMysqlScript(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let delimiter = ';';
  let start = 0;
  let i = 0;
  const lineAt = lineCounter(text);

  const flush = (end: number) => {
    const sql = text.slice(start, end);
    if (!isBlank(sql)) {
      const lead = sql.length - sql.trimStart().length;
      out.push({ sql: sql.trim(), line: lineAt(start + lead) });
    }
  };

  while (i < text.length) {
    const c = text[i]!;
    // DELIMITER is a client command: only at the start of a statement, on a line of its own.
    if (isBlank(text.slice(start, i)) && atLineStart(text, i)) {
      const m = /^DELIMITER[ \t]+(\S+)[^\n]*/i.exec(text.slice(i, i + 200));
      if (m) {
        delimiter = m[1]!;
        i += m[0].length;
        start = i;
        continue;
      }
    }
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c);
    } else if (c === '#' || (text.startsWith('--', i) && /\s/.test(text[i + 2] ?? '\n'))) {
      i = skipLine(text, i);
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text.startsWith(delimiter, i)) {
      flush(i);
      i += delimiter.length;
      start = i;
    } else i++;
  }
  flush(text.length);
  return out;
}

function atLineStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n';
}

/** Skips a quoted string or identifier; doubled quotes and (for strings) backslashes escape. */
function skipQuoted(text: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '\\' && quote !== '`') j += 2;
    else if (c === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return text.length;
}

/** Maps a character offset to a 1-based line number (offsets are asked for in increasing order). */
export function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let pos = 0;
  return (offset: number) => {
    if (offset < pos) {
      line = 1;
      pos = 0;
    }
    for (; pos < offset && pos < text.length; pos++) if (text[pos] === '\n') line++;
    return line;
  };
}

/** 1-based line and column of a 0-based character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
