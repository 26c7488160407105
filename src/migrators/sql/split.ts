/**
 * Splits a migration script into statements, the way psql and the mysql client do, so that each
 * statement can run (and fail) on its own and be shown to a reviewer.
 *
 * Postgres: '...' strings (E'...' with backslash escapes), "..." identifiers, $tag$...$tag$ dollar
 * quoting, -- comments and nested /* *\/ comments, and SQL-standard bodies (`BEGIN ATOMIC ... END`)
 * whose inner semicolons do not end the CREATE FUNCTION.
 * MySQL/MariaDB: '...' and "..." strings with backslash escapes, `...` identifiers, `-- ` and #
 * comments, /* *\/ comments (`/*!...*\/` is executable and kept), the client's `DELIMITER` command,
 * and BEGIN...END bodies of CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT written without DELIMITER (the
 * server takes those whole when a tool sends the file as one multi-statement text).
 */

import { ENGINES, type EngineName } from '../../dialects/registry.js';

/**
 * How an engine's client splits a script: each engine's descriptor holds its own rules
 * (src/dialects/<engine>/split-rules.ts), and the splitter below knows no engine by name.
 */
export interface SplitRules {
  /** The client's `DELIMITER` command at the start of a line (mysql client). */
  delimiterCommand: boolean;
  /** `--` starts a comment only when whitespace follows (MySQL: `1--1` is arithmetic). */
  dashCommentNeedsSpace: boolean;
  /** `#` starts a comment. */
  hashComments: boolean;
  /** Block comments nest (Postgres); otherwise the first `*\/` ends one and `/*!` is executable code. */
  nestedBlockComments: boolean;
  /** Backslash escapes inside every '...' and "..." (MySQL); otherwise only in E'...' strings. */
  backslashInQuotes: boolean;
  /** `...` quotes identifiers. */
  backtickIdentifiers: boolean;
  /** $tag$...$tag$ dollar quoting. */
  dollarQuotes: boolean;
  /** A delimiter inside parentheses does not end the statement (psql: CREATE RULE ... DO (a; b)). */
  parensNest: boolean;
  /** A routine body opens only with `BEGIN ATOMIC` (Postgres); otherwise with any block BEGIN. */
  beginNeedsAtomic: boolean;
  /** CASE opens a block at the top of a routine too (MySQL's CASE statement), not only inside one. */
  caseOpensBlock: boolean;
  /** END IF / END LOOP / END WHILE / END REPEAT / END FOR close blocks whose opener is not counted. */
  endKeywordsClose: boolean;
  /** Only `OR REPLACE` may stand between CREATE and FUNCTION/PROCEDURE/TRIGGER/EVENT. */
  onlyOrReplaceBeforeRoutine: boolean;
}

/** An engine's name (its descriptor's rules) or the rules themselves. */
export type SplitDialect = EngineName | SplitRules;

function rulesOf(dialect: SplitDialect): SplitRules {
  return typeof dialect === 'string' ? ENGINES[dialect].split : dialect;
}

export interface SplitStatement {
  /** The statement without its delimiter and without leading comments. */
  sql: string;
  /** 1-based line in the text where the statement starts. */
  line: number;
}

/** Statements of `text`, in order; comment-only pieces are dropped. */
export function splitSql(text: string, dialect: SplitDialect): SplitStatement[] {
  return new Splitter(text, rulesOf(dialect)).run();
}

/** A stretch of a file to run: its text, the file line it starts on, and blocks that are one statement each. */
export interface SplittableSection {
  text: string;
  /** 1-based file line of the text's first line. */
  line: number;
  /** goose's `StatementBegin` / `StatementEnd`: 1-based file lines `from`..`to` (inclusive), sent whole. */
  blocks?: readonly { from: number; to: number }[];
}

/**
 * A migration section's statements: each block runs whole, as goose sends it (one statement, its
 * semicolons untouched; one trailing delimiter dropped, as the splitter drops it), and the text
 * around the blocks is split as usual. Lines are relative to the section's text, as splitSql's.
 */
export function splitSection(section: SplittableSection, dialect: SplitDialect): SplitStatement[] {
  const blocks = [...(section.blocks ?? [])].sort((a, b) => a.from - b.from);
  if (blocks.length === 0) return splitSql(section.text, dialect);
  const lines = section.text.split('\n');
  const out: SplitStatement[] = [];
  const splitLines = (from: number, to: number) => {
    for (const s of splitSql(lines.slice(from, to).join('\n'), dialect))
      out.push({ ...s, line: s.line + from });
  };
  let cursor = 0;
  for (const block of blocks) {
    const from = block.from - section.line;
    const to = block.to - section.line + 1;
    if (from < cursor || to > lines.length || from >= to) continue;
    splitLines(cursor, from);
    const body = lines.slice(from, to);
    // Leading blank and comment lines are not part of the statement (the splitter drops them too).
    let skip = 0;
    while (skip < body.length && /^\s*(--.*)?$/.test(body[skip]!)) skip++;
    const sql = body.slice(skip).join('\n').trim().replace(/;\s*$/, '').trimEnd();
    if (sql !== '') out.push({ sql, line: from + skip + 1 });
    cursor = to;
  }
  splitLines(cursor, lines.length);
  return out;
}

/** Convenience: only the statements' text. */
export function splitSqlText(text: string, dialect: SplitDialect): string[] {
  return splitSql(text, dialect).map((s) => s.sql);
}

const WORD = /[A-Za-z0-9_$]/;

class Splitter {
  private readonly out: SplitStatement[] = [];
  private delimiter = ';';
  /** Start of the current statement's first token (-1 before any token). */
  private firstToken = -1;
  /** Leading words of the current statement, upper-cased: decides whether BEGIN/END nest. */
  private words: string[] = [];
  private depth = 0;
  /** Postgres parentheses: psql never ends a statement inside them (CREATE RULE ... DO (a; b)). */
  private parens = 0;
  /** MySQL `END CASE`: the CASE after END closes, it does not open. */
  private closingCase = false;
  private lineAt = 0;
  private lineNo = 1;

  constructor(
    private readonly text: string,
    private readonly rules: SplitRules,
  ) {}

  run(): SplitStatement[] {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      if (this.rules.delimiterCommand && this.firstToken < 0 && this.atLineStart(i)) {
        const m = /^DELIMITER[ \t]+(\S+)[^\n]*/i.exec(text.slice(i, i + 200));
        if (m) {
          this.delimiter = m[1]!;
          i += m[0].length;
          this.reset();
          continue;
        }
      }
      const c = text[i]!;
      const next = this.skipComment(i);
      if (next !== i) {
        i = next;
        continue;
      }
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      const nested = this.depth > 0 || this.parens > 0;
      if (text.startsWith(this.delimiter, i) && (this.delimiter !== ';' || !nested)) {
        this.flush(i);
        i += this.delimiter.length;
        this.reset();
        continue;
      }
      if (this.firstToken < 0) this.firstToken = i;
      i = this.skipToken(i);
    }
    this.flush(text.length);
    return this.out;
  }

  private reset(): void {
    this.firstToken = -1;
    this.words = [];
    this.depth = 0;
    this.parens = 0;
    this.closingCase = false;
  }

  private flush(end: number): void {
    if (this.firstToken < 0) return;
    const sql = this.text.slice(this.firstToken, end).trimEnd();
    if (sql.length > 0) this.out.push({ sql, line: this.lineOf(this.firstToken) });
  }

  /** 1-based line of an offset; offsets only grow, so counting is incremental. */
  private lineOf(offset: number): number {
    for (; this.lineAt < offset; this.lineAt++) if (this.text.charCodeAt(this.lineAt) === 10) this.lineNo++;
    return this.lineNo;
  }

  private atLineStart(i: number): boolean {
    let j = i - 1;
    while (j >= 0 && (this.text[j] === ' ' || this.text[j] === '\t')) j--;
    return j < 0 || this.text[j] === '\n' || this.text[j] === '\r';
  }

  /** Returns the index after a comment starting at i, or i when there is none. */
  private skipComment(i: number): number {
    const { text } = this;
    if (text.startsWith('--', i)) {
      // MySQL needs whitespace (or the end) after `--`; `1--1` is arithmetic there.
      if (this.rules.dashCommentNeedsSpace && i + 2 < text.length && !/\s/.test(text[i + 2]!)) return i;
      return endOfLine(text, i);
    }
    if (this.rules.hashComments && text[i] === '#') return endOfLine(text, i);
    if (text.startsWith('/*', i)) {
      if (!this.rules.nestedBlockComments) {
        // `/*! ... */` and MariaDB's `/*M! ... */` are executed: treat them as code.
        if (text[i + 2] === '!' || text.startsWith('/*M!', i)) return i;
        const end = text.indexOf('*/', i + 2);
        return end < 0 ? text.length : end + 2;
      }
      // Postgres block comments nest.
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (text.startsWith('*/', j)) {
          depth--;
          j += 2;
          if (depth === 0) return j;
        } else j++;
      }
      return text.length;
    }
    return i;
  }

  /** Skips one token of code (string, identifier, dollar quote, word or symbol). */
  private skipToken(i: number): number {
    const { text, rules } = this;
    const c = text[i]!;
    if (c === "'") {
      const backslash =
        rules.backslashInQuotes || (i > 0 && /[eE]/.test(text[i - 1]!) && !WORD.test(text[i - 2] ?? ' '));
      return skipQuoted(text, i, "'", backslash);
    }
    if (c === '"') return skipQuoted(text, i, '"', rules.backslashInQuotes);
    if (c === '`' && rules.backtickIdentifiers) return skipQuoted(text, i, '`', false);
    if (c === '/' && !rules.nestedBlockComments && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      return end < 0 ? text.length : end + 2;
    }
    if (c === '$' && rules.dollarQuotes) {
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 100));
      if (m && !(i > 0 && WORD.test(text[i - 1]!))) {
        const tag = m[0];
        const end = text.indexOf(tag, i + tag.length);
        return end < 0 ? text.length : end + tag.length;
      }
    }
    if (rules.parensNest && c === '(') this.parens++;
    if (rules.parensNest && c === ')' && this.parens > 0) this.parens--;
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && WORD.test(text[j]!)) j++;
      this.word(text.slice(i, j).toUpperCase(), j);
      return j;
    }
    return i + 1;
  }

  /**
   * Tracks BEGIN/CASE ... END nesting inside routine bodies, as psql does for BEGIN ATOMIC, so that
   * the semicolons inside do not end the statement.
   */
  private word(word: string, after: number): void {
    if (this.words.length < 12) this.words.push(word);
    if (!this.isRoutine()) return;
    if (word === 'BEGIN') {
      // `BEGIN;` or `BEGIN WORK` start a transaction, not a block.
      const rest = this.text.slice(after, after + 20);
      if (/^\s*(;|WORK\b|TRANSACTION\b)/i.test(rest)) return;
      if (this.rules.beginNeedsAtomic && !/^\s*ATOMIC\b/i.test(rest)) return;
      this.depth++;
    } else if (word === 'CASE') {
      if (this.closingCase) this.closingCase = false;
      else if (this.depth > 0 || this.rules.caseOpensBlock) this.depth++;
    } else if (word === 'END') {
      const rest = this.text.slice(after, after + 20);
      // MySQL's END IF / END LOOP / END WHILE / END REPEAT close blocks whose opener is not counted.
      if (this.rules.endKeywordsClose && /^\s+(IF|LOOP|WHILE|REPEAT|FOR)\b/i.test(rest)) return;
      if (/^\s+CASE\b/i.test(rest)) this.closingCase = true;
      if (this.depth > 0) this.depth--;
    }
  }

  private isRoutine(): boolean {
    const w = this.words;
    if (w[0] !== 'CREATE') return false;
    for (let k = 1; k < w.length; k++) {
      const word = w[k]!;
      if (['FUNCTION', 'PROCEDURE', 'TRIGGER', 'EVENT'].includes(word)) return true;
      if (this.rules.onlyOrReplaceBeforeRoutine && !['OR', 'REPLACE'].includes(word)) return false;
      if (['TABLE', 'INDEX', 'VIEW', 'DATABASE', 'SCHEMA'].includes(word)) return false;
    }
    return false;
  }
}

function endOfLine(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

/** Skips a quoted string or identifier; a doubled quote escapes, and a backslash when `backslash`. */
function skipQuoted(text: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (backslash && c === '\\') j += 2;
    else if (c === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return text.length;
}
