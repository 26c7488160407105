/**
 * How long a full MySQL/MariaDB snapshot takes at 500 tables. MySQL has no change tracking, so every
 * step of a check takes a full snapshot; the target is 300 ms or less. This measures, it does not assert.
 *
 *   node --import jiti/register bench/mysql-snapshot.ts [mysql-url-of-an-empty-database] [tables]
 */
import mysql from 'mysql2/promise';
import { mysqlDialect } from '../src/dialects/mysql/index.js';
import { median } from './median.js';

/**
 * DDL for `tables` tables, each with the MySQL traps in it: 11 columns (unsigned, enum, set, JSON,
 * ON UPDATE CURRENT_TIMESTAMP, a per-column collation, a generated column), a primary key, a unique
 * key, a prefix + descending index, a CHECK and a foreign key to the previous table (with the index
 * the server makes for it); a view and a trigger on every tenth table.
 */
function schemaSql(tables: number): string {
  const parts: string[] = [];
  for (let i = 0; i < tables; i++) {
    const fk =
      i > 0
        ? `, CONSTRAINT t${i}_parent FOREIGN KEY (parent_id) REFERENCES t${i - 1} (id) ON DELETE CASCADE`
        : '';
    parts.push(
      `CREATE TABLE t${i} (
        id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
        code varchar(40) NOT NULL,
        name varchar(120) DEFAULT 'x',
        status enum('new','done') NOT NULL DEFAULT 'new',
        tags set('a','b','c'),
        amount decimal(12,2) unsigned,
        body json,
        slug varchar(40) COLLATE utf8mb4_bin,
        created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        name_length int AS (char_length(name)) VIRTUAL,
        parent_id int unsigned,
        UNIQUE KEY t${i}_code (code),
        KEY t${i}_name (name(20), created_at DESC),
        CONSTRAINT t${i}_amount CHECK (amount < 1000000)${fk}
      );`,
    );
    if (i % 10 === 0) {
      parts.push(`CREATE VIEW v${i} AS SELECT id, code FROM t${i} WHERE status = 'new';`);
      parts.push(
        `CREATE TRIGGER t${i}_bi BEFORE INSERT ON t${i} FOR EACH ROW SET NEW.code = lower(NEW.code);`,
      );
    }
  }
  return parts.join('\n');
}

/** Builds the schema in the (empty) database at `url` and returns the median ms of full snapshots. */
export async function benchMysqlSnapshot(url: string, tables = 500, runs = 9): Promise<number> {
  const connection = await mysql.createConnection({ uri: url, multipleStatements: true });
  try {
    await connection.query(schemaSql(tables));
  } finally {
    await connection.end();
  }
  const introspector = await mysqlDialect.introspector(url);
  try {
    await introspector.snapshot(); // opens the pool's connections and warms the table cache
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await introspector.snapshot();
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await introspector.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: bench/mysql-snapshot.ts <mysql-url-of-an-empty-database> [tables]');
    process.exitCode = 2;
  } else {
    const tables = Number(process.argv[3] ?? 500);
    const ms = await benchMysqlSnapshot(url, tables);
    console.log(`full MySQL/MariaDB snapshot, ${tables} tables: median ${ms.toFixed(1)} ms`);
  }
}
