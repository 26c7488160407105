/**
 * Puts bindings back into a statement so a reviewer sees the SQL that really ran:
 * `insert into "t" ("name") values ($1)` + ["it's"] -> `insert into "t" ("name") values ('it''s')`.
 * Placeholders inside quoted strings, quoted identifiers, comments and dollar-quoted bodies are left
 * alone. `literal` renders one value with the driver's own escaping.
 */
export function inlineBindings(
  sql: string,
  bindings: readonly unknown[] | undefined,
  style: 'dollar' | 'question',
  literal: (value: unknown) => string,
): string {
  if (!bindings || bindings.length === 0) return sql;
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const skipTo = skipQuoted(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
      continue;
    }
    if (style === 'dollar' && ch === '$') {
      const m = /^\$(\d+)/.exec(sql.slice(i));
      if (m) {
        const index = Number(m[1]) - 1;
        out += index < bindings.length ? literal(bindings[index]) : m[0];
        i += m[0].length;
        continue;
      }
    }
    if (style === 'question' && ch === '?') {
      out += next < bindings.length ? literal(bindings[next++]) : '?';
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** If a quoted section or comment starts at `i`, returns the index just after it; otherwise `i`. */
function skipQuoted(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"' || ch === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === '\\' && ch !== '"') {
        j += 2;
        continue;
      }
      if (sql[j] === ch) {
        if (sql[j + 1] === ch) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end + 1;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  if (ch === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag) {
      const end = sql.indexOf(tag[0], i + tag[0].length);
      return end === -1 ? sql.length : end + tag[0].length;
    }
  }
  return i;
}
