/** A password that JSON, URLs and markdown all escape, and the forms it could be written in. */
import { escapeText } from '../../src/report/markdown-escape.js';

export const HOSTILE_PASSWORD = 'p$[x]&"\\y';

/** Every form the password could be written in. */
export function passwordForms(password: string): string[] {
  return [
    password,
    encodeURIComponent(password),
    JSON.stringify(password).slice(1, -1),
    escapeText(password),
    JSON.stringify(escapeText(password)).slice(1, -1),
  ];
}

/** A knex migration whose statement carries the password; Postgres echoes it in the error. */
export function echoingMigration(password: string): string {
  const sql = `select '${password.replace(/'/g, "''")}'::int`;
  return `exports.up = (knex) => knex.raw(${JSON.stringify(sql)});\nexports.down = () => Promise.resolve();\n`;
}
