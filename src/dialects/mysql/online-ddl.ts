/**
 * Lock hazards on MySQL/MariaDB, measured by asking the server. Neither server can be observed while
 * a DDL statement runs (no event triggers), but both refuse a statement at once when its ALGORITHM
 * or LOCK clause asks for more than the operation allows. So each ALTER TABLE / CREATE INDEX /
 * DROP INDEX of a migration is run on a scratch copy of its table (CREATE TABLE … LIKE + INSERT …
 * SELECT, same throwaway database, same rows) with clauses from the cheapest to the dearest; the
 * first the server accepts is what the statement costs. The copy is always dropped.
 *
 * Engine differences, kept explicit:
 * - INSTANT: MySQL 8.0.12+ and MariaDB 10.3+. MySQL refuses any LOCK other than DEFAULT with it
 *   (ER_WRONG_USAGE "Incorrect usage of ALGORITHM=INSTANT and LOCK=NONE/SHARED/EXCLUSIVE"), so
 *   INSTANT is asked for without a LOCK clause on both.
 * - NOCOPY: MariaDB 10.3+ only (no rebuild of the clustered index); MySQL has no such keyword, so
 *   it is only tried on MariaDB.
 * - CREATE/DROP INDEX: MariaDB 10.11 accepts no ALGORITHM=NOCOPY/INSTANT on DROP INDEX (syntax
 *   error), so both are probed as the ALTER TABLE … ADD/DROP INDEX they are mapped to by the servers.
 * - MariaDB's SET SESSION alter_algorithm (deprecated in 11.x) is not used: explicit clauses work on both.
 * Measured per statement on a fresh copy of the table as it is before the migration: a statement
 * that depends on an earlier one of the same migration (an index on a column it adds) is reported
 * with the server's reason as not measured.
 */
import type mysql from 'mysql2/promise';
import { errorMessage } from '../../errors.js';
import type { Hazard } from '../../rehearsal/hazards.js';

type Connection = mysql.Connection | mysql.PoolConnection;

export type Algorithm = 'INSTANT' | 'NOCOPY' | 'INPLACE' | 'COPY';
export type LockLevel = 'NONE' | 'SHARED' | 'EXCLUSIVE';

export type OnlineDdlResult =
  | {
      statement: string;
      relation: string;
      measured: true;
      algorithm: Algorithm;
      lock: LockLevel;
      rows: number;
    }
  | { statement: string; relation: string | null; measured: false; reason: string };

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;
const NAME = String.raw`(\`(?:[^\`]|\`\`)+\`|[\w$]+)`;
const unquote = (name: string) => (name.startsWith('`') ? name.slice(1, -1).replace(/``/g, '`') : name);
/** ALGORITHM / LOCK clauses the statement already has: the probe sets its own. */
const CLAUSES =
  /,?\s*\b(algorithm|lock)\s*=?\s*(default|instant|nocopy|inplace|copy|none|shared|exclusive)\b/gi;

/** The table and the ALTER TABLE specification to run on a copy, or why the statement cannot be. */
export function probeTarget(statement: string): { table: string; spec: string } | { reason: string } {
  const text = statement.trim().replace(/;\s*$/, '');
  const alter = new RegExp(
    String.raw`^alter\s+(?:online\s+|ignore\s+)*table\s+${NAME}(\.${NAME})?\s+([\s\S]+)$`,
    'i',
  ).exec(text);
  if (alter) {
    if (alter[2]) return { reason: 'it names a table of another database' };
    const spec = alter[4]!.replace(CLAUSES, '').trim();
    if (
      /\brename\s+(to|as)\b|^rename\s+(?!column\b|index\b|key\b)/i.test(spec) ||
      /,\s*rename\s+(to|as)\b/i.test(spec)
    ) {
      return { reason: 'it renames the table' };
    }
    if (spec === '') return { reason: 'it only sets ALGORITHM/LOCK' };
    return { table: unquote(alter[1]!), spec };
  }
  const create = new RegExp(
    String.raw`^create\s+(unique\s+|fulltext\s+|spatial\s+)?index\s+${NAME}\s+(using\s+\w+\s+)?on\s+${NAME}\s*(\([\s\S]+)$`,
    'i',
  ).exec(text);
  if (create) {
    const kind = (create[1] ?? '').trim().toUpperCase();
    const rest = create[5]!.replace(CLAUSES, '').trim();
    return {
      table: unquote(create[4]!),
      spec: `ADD ${kind ? `${kind} ` : ''}INDEX ${create[2]} ${create[3] ?? ''}${rest}`,
    };
  }
  const drop = new RegExp(String.raw`^drop\s+index\s+${NAME}\s+on\s+${NAME}`, 'i').exec(text);
  if (drop) return { table: unquote(drop[2]!), spec: `DROP INDEX ${drop[1]}` };
  return { reason: 'it is not an ALTER TABLE, CREATE INDEX or DROP INDEX statement on one table' };
}

/** Cheapest first. INSTANT has no LOCK clause (see above); NOCOPY is MariaDB's. */
function ladder(engine: 'mysql' | 'mariadb'): [Algorithm, LockLevel | null][] {
  const nocopy = engine === 'mariadb';
  return [
    ['INSTANT', null],
    ...(nocopy ? [['NOCOPY', 'NONE'] as [Algorithm, LockLevel]] : []),
    ['INPLACE', 'NONE'],
    ...(nocopy ? [['NOCOPY', 'SHARED'] as [Algorithm, LockLevel]] : []),
    ['INPLACE', 'SHARED'],
    ['INPLACE', 'EXCLUSIVE'],
    ['COPY', 'SHARED'],
    ['COPY', 'EXCLUSIVE'],
  ];
}

/** ER_ALTER_OPERATION_NOT_SUPPORTED(_REASON), ER_WRONG_USAGE: the clause was refused, not the change. */
function refusedClause(error: unknown): boolean {
  const errno = (error as { errno?: number }).errno;
  return (
    errno === 1845 ||
    errno === 1846 ||
    errno === 1221 ||
    /is not supported.*Try (ALGORITHM|LOCK)/i.test(errorMessage(error))
  );
}

async function copyTable(connection: Connection, table: string, copy: string): Promise<number> {
  await connection.query(`CREATE TABLE ${ident(copy)} LIKE ${ident(table)}`);
  // Generated columns cannot be inserted into; INVISIBLE ones are not in SELECT *: name the columns.
  const [cols] = await connection.query(
    `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
       AND EXTRA NOT REGEXP 'VIRTUAL|STORED|PERSISTENT' ORDER BY ORDINAL_POSITION`,
    [table],
  );
  const list = (cols as { name: string }[]).map((c) => ident(c.name)).join(', ');
  const [result] = await connection.query(
    `INSERT INTO ${ident(copy)} (${list}) SELECT ${list} FROM ${ident(table)}`,
  );
  return (result as { affectedRows: number }).affectedRows;
}

/** Measures each statement on its own scratch copy of the table it alters. */
export async function probeOnlineDdl(
  connection: Connection,
  statements: string[],
  engine: 'mysql' | 'mariadb',
): Promise<OnlineDdlResult[]> {
  const out: OnlineDdlResult[] = [];
  for (const [n, statement] of statements.entries()) {
    const target = probeTarget(statement);
    if ('reason' in target) {
      out.push({ statement, relation: null, measured: false, reason: target.reason });
      continue;
    }
    const copy = `_sg_probe_${process.pid}_${n}`;
    try {
      const rows = await copyTable(connection, target.table, copy);
      let found: OnlineDdlResult | null = null;
      for (const [algorithm, lock] of ladder(engine)) {
        const clauses = `ALGORITHM=${algorithm}${lock ? `, LOCK=${lock}` : ''}`;
        try {
          await connection.query(`ALTER TABLE ${ident(copy)} ${target.spec}, ${clauses}`);
          found = {
            statement,
            relation: target.table,
            measured: true,
            algorithm,
            lock: lock ?? 'NONE',
            rows,
          };
          break;
        } catch (error) {
          if (refusedClause(error)) continue;
          found = { statement, relation: target.table, measured: false, reason: errorMessage(error) };
          break;
        }
      }
      out.push(
        found ?? {
          statement,
          relation: target.table,
          measured: false,
          reason: 'the server refused every algorithm',
        },
      );
    } catch (error) {
      out.push({ statement, relation: target.table, measured: false, reason: errorMessage(error) });
    } finally {
      await connection.query(`DROP TABLE IF EXISTS ${ident(copy)}`);
    }
  }
  return out;
}

/**
 * Hazards among measured results: a table copy (COPY blocks writes for its whole length), or INPLACE /
 * NOCOPY work that needs LOCK=SHARED or EXCLUSIVE, on a table with rows (on an empty table it takes no
 * time, as on Postgres). INSTANT and LOCK=NONE are not hazards.
 */
export function onlineDdlHazards(results: OnlineDdlResult[], direction: Hazard['direction']): Hazard[] {
  const out: Hazard[] = [];
  for (const r of results) {
    if (!r.measured || r.rows === 0) continue;
    if (r.algorithm !== 'COPY' && r.lock === 'NONE') continue;
    const index =
      /\b(create\s+(unique\s+|fulltext\s+|spatial\s+)?index|add\s+(unique\s+|fulltext\s+|spatial\s+)?(index|key)|primary\s+key)\b/i.test(
        r.statement,
      );
    out.push({
      statement: r.statement.trim(),
      relation: r.relation,
      lock: `LOCK=${r.lock}`,
      algorithm: r.algorithm,
      work: r.algorithm === 'COPY' || !index ? 'rewrite' : 'index-build',
      direction,
      safer: saferOnline(r.algorithm, r.statement),
    });
  }
  return out;
}

function saferOnline(algorithm: Algorithm, statement: string): string {
  if (algorithm !== 'COPY') {
    return 'the server cannot do this without blocking writes (FULLTEXT/SPATIAL indexes, some rebuilds): use pt-online-schema-change or gh-ost, or run it when writes can wait';
  }
  if (/\bforeign\s+key\b/i.test(statement)) {
    return 'with foreign_key_checks=0 the server adds a foreign key in place (LOCK=NONE) but does not check the rows: check them first, or use pt-online-schema-change';
  }
  return 'the server can only copy the table: use pt-online-schema-change or gh-ost, or add a new column, backfill it in batches and switch over; write ALGORITHM=INPLACE, LOCK=NONE in online changes so the server refuses instead of copying';
}
