import mysql from 'mysql2/promise';
import { ConfigError, errorMessage, InfraError } from '../../errors.js';
import { splitSql } from '../../migrators/sql/split.js';
import { firstLine, hintFor, type SchemaScriptRunner } from '../../models/schema-script.js';
import { MYSQL_SPLIT } from './split-rules.js';

/** A models file (schema.sql, mysqldump --no-data) run the way the mysql client runs it. */
export const runMysqlScript: SchemaScriptRunner = async ({ url, name, text, log }) => {
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({ uri: url });
  } catch (error) {
    throw new InfraError(`cannot connect to the models database: ${errorMessage(error)}`, { cause: error });
  }
  try {
    for (const statement of splitSql(text, MYSQL_SPLIT)) {
      // A dump made with --databases switches to (or creates) the original database: that would
      // build the models somewhere else, possibly in a real database on a shared server.
      if (/^(USE\s|CREATE\s+(DATABASE|SCHEMA)\b)/i.test(statement.sql)) {
        log.warn(`${name}:${statement.line}: skipped \`${firstLine(statement.sql)}\``);
        continue;
      }
      try {
        await conn.query(statement.sql);
      } catch (error) {
        // One line: MySQL quotes the rest of the statement, newlines included, after `near`.
        const message = errorMessage(error).replace(/\s*\n\s*/g, ' ');
        // The server counts lines from the start of the statement it was sent.
        const at = /at line (\d+)\s*$/.exec(message);
        const line = statement.line + (at ? Number(at[1]) - 1 : 0);
        throw new ConfigError(`--models ${name}:${line}: ${message}`, {
          cause: error,
          hint: hintFor(message),
        });
      }
    }
  } finally {
    await conn.end().catch(() => {});
  }
};
