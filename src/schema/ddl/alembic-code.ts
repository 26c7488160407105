/**
 * DDL statements as code for an Alembic revision's `downgrade()`: one `op.execute(...)` each. Alembic
 * turns a string into SQLAlchemy's text(), which reads `:name` as a bind parameter, so such colons
 * are escaped (`\:`, which text() turns back into a colon); a cast (`::text`) is not a parameter.
 */

/** Colons text() would take for a bind parameter: not after a colon, a word character or a backslash. */
const BIND_COLON = /(?<![:\w\\]):(?=\w)/g;

/** A Python string literal: JSON's escapes (\", \\, \n, \uXXXX) are Python's too. */
function pyLiteral(text: string): string {
  return JSON.stringify(text);
}

/** The statements as lines for the body of `downgrade()`, indented four spaces. */
export function alembicDownCode(statements: string[]): string {
  return statements.map((sql) => `    op.execute(${pyLiteral(sql.replace(BIND_COLON, '\\:'))})`).join('\n');
}
