import { describe, expect, it } from 'vitest';
import { splitSql, splitSqlText } from '../../src/migrators/sql/split.js';

describe('splitSql (postgres)', () => {
  const split = (text: string) => splitSqlText(text, 'postgres');

  it('splits on semicolons and drops comment-only pieces', () => {
    expect(split('-- header\nCREATE TABLE a (id int);\n\n/* trailing */ SELECT 1;\n-- done\n')).toEqual([
      'CREATE TABLE a (id int)',
      'SELECT 1',
    ]);
  });

  it('keeps a dollar-quoted function body whole, with and without a tag', () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at := now(); -- a comment; with a semicolon
  RETURN NEW;
END;
$body$`;
    const other = `DO $$ BEGIN PERFORM 1; END $$`;
    expect(split(`${fn};\n${other};\nSELECT $1::int`)).toEqual([fn, other, 'SELECT $1::int']);
  });

  it('does not take a positional parameter or a name with $ for a dollar quote', () => {
    expect(split('PREPARE p AS SELECT $1; SELECT a$b$c FROM t;')).toEqual([
      'PREPARE p AS SELECT $1',
      'SELECT a$b$c FROM t',
    ]);
  });

  it('ignores semicolons in strings, escape strings and quoted identifiers', () => {
    expect(split(`INSERT INTO "we;ird" VALUES ('a;b', 'it''s;', E'x\\';y');SELECT 2`)).toEqual([
      `INSERT INTO "we;ird" VALUES ('a;b', 'it''s;', E'x\\';y')`,
      'SELECT 2',
    ]);
  });

  it('handles nested block comments', () => {
    expect(split('/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2')).toEqual([
      'SELECT 1',
      'SELECT 2',
    ]);
  });

  it('keeps a BEGIN ATOMIC body whole, CASE ... END inside it included', () => {
    const fn = `CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
  SELECT x;
END`;
    expect(split(`${fn};\nBEGIN;\nSELECT 1;\nCOMMIT;`)).toEqual([fn, 'BEGIN', 'SELECT 1', 'COMMIT']);
  });

  it('does not split inside parentheses (CREATE RULE ... DO (a; b))', () => {
    const rule =
      'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2))';
    expect(split(`${rule};SELECT 1`)).toEqual([rule, 'SELECT 1']);
  });

  it('reports the line each statement starts on', () => {
    expect(splitSql('-- c\n\nSELECT 1;\n\n  SELECT\n 2;', 'postgres')).toEqual([
      { sql: 'SELECT 1', line: 3 },
      { sql: 'SELECT\n 2', line: 5 },
    ]);
  });
});

describe('splitSql (mysql)', () => {
  const split = (text: string) => splitSqlText(text, 'mysql');

  it('honours DELIMITER // and switches back', () => {
    const proc = `CREATE PROCEDURE p()
BEGIN
  SELECT 1;
  SELECT 2;
END`;
    const text = `CREATE TABLE t (id int);\nDELIMITER //\n${proc}//\nDELIMITER ;\nSELECT 3;`;
    expect(split(text)).toEqual(['CREATE TABLE t (id int)', proc, 'SELECT 3']);
  });

  it('keeps a BEGIN ... END body whole without DELIMITER, with IF, CASE and loops inside', () => {
    const trig = `CREATE DEFINER=\`root\`@\`%\` TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
BEGIN
  IF NEW.a IS NULL THEN SET NEW.a = 1; END IF;
  CASE NEW.b WHEN 1 THEN SET NEW.c = 2; ELSE SET NEW.c = 3; END CASE;
  SET NEW.d = CASE WHEN NEW.a > 1 THEN 'x' ELSE 'y' END;
  lbl: LOOP LEAVE lbl; END LOOP lbl;
END`;
    expect(split(`${trig};\nSELECT 1;`)).toEqual([trig, 'SELECT 1']);
  });

  it('treats BEGIN; as a transaction, not a block', () => {
    expect(split('BEGIN; INSERT INTO t VALUES (1); COMMIT;')).toEqual([
      'BEGIN',
      'INSERT INTO t VALUES (1)',
      'COMMIT',
    ]);
  });

  it('handles backslash escapes, backticks, # and -- comments, and keeps /*! */ as code', () => {
    expect(
      split(
        "# hash comment;\nINSERT INTO `a;b` VALUES ('x\\';y', \"q;\"); -- c;\n/*!40101 SET NAMES utf8mb4 */;\nSELECT 1--1;",
      ),
    ).toEqual([
      "INSERT INTO `a;b` VALUES ('x\\';y', \"q;\")",
      '/*!40101 SET NAMES utf8mb4 */',
      'SELECT 1--1',
    ]);
  });

  it('does not nest block comments (MySQL has no nesting)', () => {
    expect(split('/* a /* b */ SELECT 1; SELECT 2;')).toEqual(['SELECT 1', 'SELECT 2']);
  });
});
