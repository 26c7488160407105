/**
 * Models from plain DDL files (`schema.sql`, Rails' `structure.sql`, a `pg_dump --schema-only` or a
 * `mysqldump --no-data`), run in order on the empty throwaway database.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ConfigError, errorMessage, InfraError } from '../errors.js';
import type { Logger } from '../log.js';
import { splitSql } from '../migrators/sql/split.js';
import type { ModelSource } from './model-source.js';

export class SqlModelSource implements ModelSource {
  readonly describe: string;

  constructor(
    private readonly files: string[],
    private readonly cwd: string,
    private readonly log: Logger,
  ) {
    this.describe = files.map((f) => this.name(f)).join(', ');
  }

  private name(file: string): string {
    return relative(this.cwd, file) || file;
  }

  /** Every file must be readable before the first migration runs. */
  async preflight(): Promise<null> {
    for (const file of this.files) await this.read(file);
    return null;
  }

  private async read(file: string): Promise<string> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`--models ${this.name(file)}: cannot read the file (${errorMessage(error)})`, {
        hint: 'check the path; it is relative to --cwd',
      });
    }
  }

  async build(db: ThrowawayDatabase): Promise<void> {
    for (const file of this.files) {
      const text = await this.read(file);
      this.log.progress(`models: running ${this.name(file)}`);
      if (db.engine === 'postgres') await this.runPostgres(db, file, text);
      else await this.runMysql(db, file, text);
    }
  }

  private async runPostgres(db: ThrowawayDatabase, file: string, text: string): Promise<void> {
    // psql meta-commands (`\connect`, pg_dump 17.6's `\restrict`) are client commands, not SQL; blank
    // them rather than delete them so that statements keep their lines.
    const script = text.replace(/^\\[a-zA-Z].*$/gm, '');
    const client = new pg.Client({ connectionString: db.url });
    try {
      await client.connect();
    } catch (error) {
      throw new InfraError(`cannot connect to the models database: ${errorMessage(error)}`, { cause: error });
    }
    try {
      // One statement at a time, as psql runs a file: every error then points at its statement, and
      // statements that refuse a transaction block (CREATE INDEX CONCURRENTLY) still run.
      for (const statement of splitSql(script, 'postgres')) {
        try {
          await client.query(statement.sql);
        } catch (error) {
          const e = error as { position?: string };
          const at = e.position ? positionIn(statement.sql, Number(e.position) - 1) : { line: 1, column: 0 };
          const where = `${statement.line + at.line - 1}${at.column ? `:${at.column}` : ''}`;
          throw new ConfigError(`--models ${this.name(file)}:${where}: ${errorMessage(error)}`, {
            cause: error,
            hint: hintFor(errorMessage(error)),
          });
        }
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async runMysql(db: ThrowawayDatabase, file: string, text: string): Promise<void> {
    let conn: mysql.Connection;
    try {
      conn = await mysql.createConnection({ uri: db.url });
    } catch (error) {
      throw new InfraError(`cannot connect to the models database: ${errorMessage(error)}`, { cause: error });
    }
    try {
      for (const statement of splitSql(text, 'mysql')) {
        // A dump made with --databases switches to (or creates) the original database: that would
        // build the models somewhere else, possibly in a real database on a shared server.
        if (/^(USE\s|CREATE\s+(DATABASE|SCHEMA)\b)/i.test(statement.sql)) {
          this.log.warn(`${this.name(file)}:${statement.line}: skipped \`${firstLine(statement.sql)}\``);
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
          throw new ConfigError(`--models ${this.name(file)}:${line}: ${message}`, {
            cause: error,
            hint: hintFor(message),
          });
        }
      }
    } finally {
      await conn.end().catch(() => {});
    }
  }
}

/** 1-based line and column of a 0-based character offset in `text`. */
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

function firstLine(sql: string): string {
  const line = sql.split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function hintFor(message: string): string {
  if (/role .* does not exist/i.test(message)) {
    return 'dump the schema without owners and grants (pg_dump --schema-only --no-owner --no-privileges)';
  }
  return 'fix the models file so that it runs on an empty database';
}
