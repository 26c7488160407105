import pg from 'pg';
import { ConfigError, errorMessage, InfraError } from '../../errors.js';
import { splitSql } from '../../migrators/sql/split.js';
import { hintFor, positionIn, type SchemaScriptRunner } from '../../models/schema-script.js';
import { POSTGRES_SPLIT } from './split-rules.js';

/** A models file (schema.sql, structure.sql, pg_dump --schema-only) run the way psql runs it. */
export const runPostgresScript: SchemaScriptRunner = async ({ url, name, text }) => {
  // psql meta-commands (`\connect`, pg_dump 17.6's `\restrict`) are client commands, not SQL; blank
  // them rather than delete them so that statements keep their lines.
  const script = text.replace(/^\\[a-zA-Z].*$/gm, '');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new InfraError(`cannot connect to the models database: ${errorMessage(error)}`, { cause: error });
  }
  try {
    // One statement at a time, as psql runs a file: every error then points at its statement, and
    // statements that refuse a transaction block (CREATE INDEX CONCURRENTLY) still run.
    for (const statement of splitSql(script, POSTGRES_SPLIT)) {
      try {
        await client.query(statement.sql);
      } catch (error) {
        const e = error as { position?: string };
        const at = e.position ? positionIn(statement.sql, Number(e.position) - 1) : { line: 1, column: 0 };
        const where = `${statement.line + at.line - 1}${at.column ? `:${at.column}` : ''}`;
        throw new ConfigError(`--models ${name}:${where}: ${errorMessage(error)}`, {
          cause: error,
          hint: hintFor(errorMessage(error)),
        });
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
};
