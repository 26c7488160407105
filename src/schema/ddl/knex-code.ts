/**
 * DDL statements as code for a knex migration's down: one `await knex.schema.raw(...)` each, the
 * statement verbatim in a template literal. A fix pasted this way runs in the down's own
 * transaction, as the rest of the down does.
 */

/** A template literal holding `sql` verbatim. */
export function jsLiteral(sql: string): string {
  return `\`${sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;
}

/** The statements as lines for the body of an async `down(knex)`, indented two spaces. */
export function knexDownCode(statements: string[]): string {
  return statements.map((sql) => `  await knex.schema.raw(${jsLiteral(sql)});`).join('\n');
}
