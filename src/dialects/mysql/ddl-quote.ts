/** Identifier and literal quoting for MySQL's and MariaDB's generated DDL. */

/** A MySQL identifier, always quoted. */
export function mysqlIdent(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** A MySQL string literal in the default sql_mode (backslash escapes). */
export function mysqlLiteral(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "''")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\0', '\\0');
  return `'${escaped}'`;
}
