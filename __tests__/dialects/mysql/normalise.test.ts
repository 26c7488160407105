/**
 * The normalisation functions, fed what each server really writes: MySQL 8 values as its
 * documentation shows them (no MySQL server runs here) and MariaDB 10.11 values as the local
 * server returns them. Each pair must come out the same.
 */
import { describe, expect, it } from 'vitest';
import { isGeneratedName } from '../../../src/dialects/mysql/names.js';
import {
  charsetOf,
  ident,
  normaliseCurrentTimestamp,
  normaliseDefault,
  normaliseExpression,
  normaliseRule,
  normaliseType,
  parseExtra,
  quoteLiteral,
  referencedColumns,
  stripDatabase,
  stripOuterParens,
} from '../../../src/dialects/mysql/normalise.js';
import { serverInfo } from '../../../src/dialects/mysql/server.js';

const mysql8 = serverInfo('8.0.36');
const mysql57 = serverInfo('5.7.44-log');
const mariadb = serverInfo('10.11.19-MariaDB-0+deb12u1');

describe('serverInfo', () => {
  it('tells MariaDB from MySQL by VERSION() and parses the version', () => {
    expect(mariadb).toMatchObject({ engine: 'mariadb', major: 10, minor: 11, patch: 19 });
    expect(mysql8).toMatchObject({ engine: 'mysql', major: 8, minor: 0, patch: 36 });
    expect(serverInfo('5.5.5-10.6.12-MariaDB')).toMatchObject({ engine: 'mariadb', major: 10, minor: 6 });
  });

  it('picks where CHECK constraints and index expressions are read from, per server', () => {
    expect(mysql8.features).toMatchObject({ checks: 'mysql', indexExpressions: true, defaults: 'raw' });
    expect(serverInfo('8.0.15').features).toMatchObject({ checks: 'none', indexExpressions: true });
    expect(serverInfo('8.0.12').features.indexExpressions).toBe(false);
    expect(mysql57.features).toMatchObject({
      checks: 'none',
      indexVisibility: false,
      escapedExpressions: false,
    });
    expect(mariadb.features).toMatchObject({
      checks: 'mariadb',
      checkLevel: true,
      indexIgnored: true,
      defaults: 'quoted',
      sequences: true,
    });
    expect(serverInfo('10.2.6-MariaDB').features.defaults).toBe('raw');
  });
});

describe('normaliseType', () => {
  it('drops integer display widths as MySQL 8.0.19+ does', () => {
    expect(normaliseType('int(11)')).toBe('int'); // MariaDB
    expect(normaliseType('int')).toBe('int'); // MySQL 8
    expect(normaliseType('bigint(20) unsigned')).toBe('bigint unsigned');
    expect(normaliseType('bigint unsigned')).toBe('bigint unsigned');
    expect(normaliseType('smallint(6)')).toBe('smallint');
    expect(normaliseType('mediumint(8) unsigned')).toBe('mediumint unsigned');
    expect(normaliseType('tinyint(4)')).toBe('tinyint');
    expect(normaliseType('year(4)')).toBe('year');
  });

  it('keeps tinyint(1), which means boolean, and widths that ZEROFILL pads to', () => {
    expect(normaliseType('tinyint(1)')).toBe('tinyint(1)');
    expect(normaliseType('tinyint(1) unsigned')).toBe('tinyint(1) unsigned');
    expect(normaliseType('int(5) unsigned zerofill')).toBe('int(5) unsigned zerofill');
  });

  it('leaves non-integer types alone', () => {
    expect(normaliseType('decimal(10,2)')).toBe('decimal(10,2)');
    expect(normaliseType('varchar(255)')).toBe('varchar(255)');
    expect(normaliseType("enum('a','b')")).toBe("enum('a','b')");
    expect(normaliseType('datetime(3)')).toBe('datetime(3)');
  });
});

describe('normaliseDefault', () => {
  const both = (
    type: string,
    mysql: { raw: string | null; extra?: string },
    maria: { raw: string | null; extra?: string },
  ) => [
    normaliseDefault({ type, raw: mysql.raw, extra: mysql.extra ?? '' }, mysql8.features),
    normaliseDefault({ type, raw: maria.raw, extra: maria.extra ?? '' }, mariadb.features),
  ];

  it('writes string literals as quoted SQL on both servers', () => {
    expect(both('varchar(10)', { raw: 'abc' }, { raw: "'abc'" })).toEqual(["'abc'", "'abc'"]);
    expect(both('varchar(10)', { raw: "it's" }, { raw: "'it''s'" })).toEqual(["'it''s'", "'it''s'"]);
    expect(both('varchar(10)', { raw: '' }, { raw: "''" })).toEqual(["''", "''"]);
    expect(both('varchar(10)', { raw: 'a\\b' }, { raw: "'a\\\\b'" })).toEqual(["'a\\\\b'", "'a\\\\b'"]);
    expect(both("enum('a','b')", { raw: 'a' }, { raw: "'a'" })).toEqual(["'a'", "'a'"]);
    expect(both('date', { raw: '2020-01-01' }, { raw: "'2020-01-01'" })).toEqual([
      "'2020-01-01'",
      "'2020-01-01'",
    ]);
  });

  it("tells MariaDB's NULL default (the text NULL) from the string 'NULL'", () => {
    expect(both('varchar(10)', { raw: null }, { raw: 'NULL' })).toEqual([null, null]);
    expect(both('varchar(10)', { raw: 'NULL' }, { raw: "'NULL'" })).toEqual(["'NULL'", "'NULL'"]);
    // NOT NULL with no default: SQL NULL on both.
    expect(both('int', { raw: null }, { raw: null })).toEqual([null, null]);
  });

  it('keeps numbers and bit literals bare', () => {
    expect(both('int', { raw: '0' }, { raw: '0' })).toEqual(['0', '0']);
    expect(both('decimal(10,2)', { raw: '1.50' }, { raw: '1.50' })).toEqual(['1.50', '1.50']);
    expect(both('tinyint(1)', { raw: '1' }, { raw: '1' })).toEqual(['1', '1']);
    expect(both('bit(1)', { raw: "b'1'" }, { raw: "b'1'" })).toEqual(["b'1'", "b'1'"]);
    expect(both('year', { raw: '2020' }, { raw: '2020' })).toEqual(['2020', '2020']);
  });

  it('decodes binary-string defaults MySQL shows in hexadecimal', () => {
    // MariaDB 10.11 pads a BINARY(4) default with zero bytes and shows them escaped.
    expect(both('binary(4)', { raw: '0x61620000' }, { raw: "'ab\\0\\0'" })).toEqual([
      "'ab\\0\\0'",
      "'ab\\0\\0'",
    ]);
    expect(both('varbinary(4)', { raw: '0x6162' }, { raw: "'ab'" })).toEqual(["'ab'", "'ab'"]);
  });

  it('reads CURRENT_TIMESTAMP in every spelling as one, precision kept', () => {
    const mysql = { raw: 'CURRENT_TIMESTAMP', extra: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP' };
    expect(both('timestamp', mysql, { raw: 'current_timestamp()' })).toEqual([
      'CURRENT_TIMESTAMP',
      'CURRENT_TIMESTAMP',
    ]);
    expect(
      both(
        'datetime(3)',
        { raw: 'CURRENT_TIMESTAMP(3)', extra: 'DEFAULT_GENERATED' },
        { raw: 'current_timestamp(3)' },
      ),
    ).toEqual(['CURRENT_TIMESTAMP(3)', 'CURRENT_TIMESTAMP(3)']);
    // MySQL 5.7 sets no DEFAULT_GENERATED flag.
    expect(
      normaliseDefault({ type: 'timestamp', raw: 'CURRENT_TIMESTAMP', extra: '' }, mysql57.features),
    ).toBe('CURRENT_TIMESTAMP');
    expect(normaliseCurrentTimestamp('now()')).toBe('CURRENT_TIMESTAMP');
    expect(normaliseCurrentTimestamp('NOW(6)')).toBe('CURRENT_TIMESTAMP(6)');
    expect(normaliseCurrentTimestamp('localtimestamp')).toBe('CURRENT_TIMESTAMP');
    expect(normaliseCurrentTimestamp('current_timestamp(0)')).toBe('CURRENT_TIMESTAMP');
    expect(normaliseCurrentTimestamp('uuid()')).toBeNull();
  });

  it('keeps expression defaults as expressions: DEFAULT_GENERATED on MySQL, unquoted on MariaDB', () => {
    expect(both('char(36)', { raw: 'uuid()', extra: 'DEFAULT_GENERATED' }, { raw: 'uuid()' })).toEqual([
      'uuid()',
      'uuid()',
    ]);
    // A literal that looks like a call is still a literal on MySQL (no flag).
    expect(both('varchar(10)', { raw: 'a(b)' }, { raw: "'a(b)'" })).toEqual(["'a(b)'", "'a(b)'"]);
    // MySQL escapes quotes inside expression text.
    expect(
      normaliseDefault(
        { type: 'varchar(10)', raw: "concat(_utf8mb4\\'a\\',_utf8mb4\\'b\\')", extra: 'DEFAULT_GENERATED' },
        mysql8.features,
      ),
    ).toBe("concat(_utf8mb4'a',_utf8mb4'b')");
    expect(both('int', { raw: '(1 + 2)', extra: 'DEFAULT_GENERATED' }, { raw: '(1 + 2)' })).toEqual([
      '1 + 2',
      '1 + 2',
    ]);
  });
});

describe('quoteLiteral', () => {
  it("escapes like MariaDB's COLUMN_DEFAULT", () => {
    expect(quoteLiteral('x\ny\tz\\w\'q"\0r')).toBe("'x\\ny\tz\\\\w''q\"\\0r'");
    expect(quoteLiteral('a\rb')).toBe("'a\\rb'");
  });
});

describe('parseExtra', () => {
  it('reads both spellings of on update and the generated and auto_increment flags', () => {
    expect(parseExtra('DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)')).toEqual({
      autoIncrement: false,
      onUpdate: 'CURRENT_TIMESTAMP(3)',
      generated: null,
      rest: [],
    });
    expect(parseExtra('on update current_timestamp(3)').onUpdate).toBe('CURRENT_TIMESTAMP(3)');
    expect(parseExtra('on update current_timestamp()').onUpdate).toBe('CURRENT_TIMESTAMP');
    expect(parseExtra('auto_increment')).toMatchObject({ autoIncrement: true, rest: [] });
    expect(parseExtra('VIRTUAL GENERATED').generated).toBe('virtual');
    expect(parseExtra('STORED GENERATED').generated).toBe('stored');
    expect(parseExtra('PERSISTENT GENERATED').generated).toBe('stored');
    expect(parseExtra('INVISIBLE').rest).toEqual(['invisible']);
    expect(parseExtra('DEFAULT_GENERATED INVISIBLE')).toMatchObject({ rest: ['invisible'], onUpdate: null });
    expect(parseExtra(null)).toEqual({ autoIncrement: false, onUpdate: null, generated: null, rest: [] });
  });
});

describe('expressions', () => {
  it("undoes MySQL 8's escaped quotes and both servers' outer parentheses", () => {
    expect(normaliseExpression("(concat(`a`,_utf8mb4\\' \\'))", mysql8.features)).toBe(
      "concat(`a`,_utf8mb4' ')",
    );
    expect(normaliseExpression('(`id` > 0)', mysql8.features)).toBe('`id` > 0');
    expect(normaliseExpression('`id` > 0', mariadb.features)).toBe('`id` > 0');
    // MariaDB's text is SQL already: a backslash in it stays.
    expect(normaliseExpression("`a` <> 'x\\\\y'", mariadb.features)).toBe("`a` <> 'x\\\\y'");
  });

  it('removes only parentheses that wrap the whole expression', () => {
    expect(stripOuterParens('((a + b))')).toBe('a + b');
    expect(stripOuterParens('(a) + (b)')).toBe('(a) + (b)');
    expect(stripOuterParens("(a = ')')")).toBe("a = ')'");
  });

  it('finds the columns a check refers to', () => {
    expect(referencedColumns('`a` > 0 and `b` < `a` and `zz` = 1', ['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('other normalisations', () => {
  it('treats RESTRICT, NO ACTION and no clause the same', () => {
    expect(normaliseRule('RESTRICT')).toBe('no action');
    expect(normaliseRule('NO ACTION')).toBe('no action');
    expect(normaliseRule(null)).toBe('no action');
    expect(normaliseRule('CASCADE')).toBe('cascade');
    expect(normaliseRule('SET NULL')).toBe('set null');
  });

  it('derives a character set from a collation', () => {
    expect(charsetOf('utf8mb4_0900_ai_ci')).toBe('utf8mb4');
    expect(charsetOf('utf8mb4_uca1400_ai_ci')).toBe('utf8mb4');
    expect(charsetOf('latin1_swedish_ci')).toBe('latin1');
    expect(charsetOf('binary')).toBe('binary');
    expect(charsetOf(null)).toBeNull();
  });

  it('removes the qualifier of the database itself only', () => {
    expect(stripDatabase('select `d1`.`t`.`a` from `d1`.`t` join `other`.`u`', 'd1')).toBe(
      'select `t`.`a` from `t` join `other`.`u`',
    );
  });

  it('quotes identifiers only where SQL needs it', () => {
    expect(ident('email')).toBe('email');
    expect(ident('order')).toBe('`order`');
    expect(ident('first name')).toBe('`first name`');
  });
});

describe('isGeneratedName', () => {
  it('recognises the names both servers and common tools make up', () => {
    expect(isGeneratedName('foreign key', 'members_ibfk_1', 'members', ['team_id'])).toBe(true);
    expect(isGeneratedName('foreign key', 'members_team_id_foreign', 'members', ['team_id'])).toBe(true);
    expect(isGeneratedName('foreign key', 'fk_team', 'members', ['team_id'])).toBe(false);
    expect(isGeneratedName('check', 'members_chk_1', 'members', ['age'])).toBe(true); // MySQL 8
    expect(isGeneratedName('check', 'CONSTRAINT_1', 'members', ['age'])).toBe(true); // MariaDB
    expect(isGeneratedName('check', 'age', 'members', ['age'], 'Column')).toBe(true); // MariaDB column check
    expect(isGeneratedName('check', 'adult', 'members', ['age'], 'Table')).toBe(false);
    expect(isGeneratedName('index', 'email', 'users', ['email'])).toBe(true);
    expect(isGeneratedName('index', 'email_2', 'users', ['email'])).toBe(true);
    expect(isGeneratedName('index', 'users_email_unique', 'users', ['email'])).toBe(true);
    expect(isGeneratedName('index', 'by_email', 'users', ['email'])).toBe(false);
  });
});
