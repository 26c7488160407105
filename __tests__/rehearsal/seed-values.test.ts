/**
 * The classification of column types for seeding, on both engines' renderings: Postgres format_type
 * and MySQL/MariaDB COLUMN_TYPE after the dialect's normalisation (src/dialects/mysql/normalise.ts
 * drops integer display widths except tinyint(1) and ZEROFILL; MariaDB JSON is reported as `json`).
 * MySQL 8 renderings are written from its documentation; MariaDB 10.11 ones were read from the server.
 */
import { describe, expect, it } from 'vitest';
import { cellValue, classifyType, type TypeClass } from '../../src/rehearsal/seed-values.js';

const noEnums = () => null;
const classify = (type: string) => classifyType(type, noEnums);
const limits = (type: TypeClass, row = 0, unique = false) =>
  cellValue(type, { row, unique, nullable: false, style: 'limits' });

describe('classifyType on MySQL/MariaDB renderings', () => {
  it.each<[string, TypeClass]>([
    ['int', { kind: 'int', max: 2147483647n, unsigned: false }],
    // MariaDB and MySQL < 8.0.19 show display widths; the normaliser keeps them only with ZEROFILL.
    ['int(11)', { kind: 'int', max: 2147483647n, unsigned: false }],
    ['int unsigned', { kind: 'int', max: 2147483647n, unsigned: true }],
    ['int(10) unsigned zerofill', { kind: 'int', max: 2147483647n, unsigned: true }],
    ['bigint unsigned', { kind: 'int', max: 9223372036854775807n, unsigned: true }],
    ['mediumint', { kind: 'int', max: 8388607n, unsigned: false }],
    ['tinyint', { kind: 'int', max: 127n, unsigned: false }],
    ['tinyint unsigned', { kind: 'int', max: 127n, unsigned: true }],
    ['smallint', { kind: 'int', max: 32767n, unsigned: false }],
    // BOOL / BOOLEAN are tinyint(1) on both servers.
    ['tinyint(1)', { kind: 'bool', asNumber: true }],
    ['decimal(10,2)', { kind: 'decimal', digits: 10, scale: 2 }],
    ['decimal(10,2) unsigned', { kind: 'decimal', digits: 10, scale: 2 }],
    ['float', { kind: 'float' }],
    ['double', { kind: 'float' }],
    ['float(7,4)', { kind: 'decimal', digits: 7, scale: 4 }],
    ['double(10,2) unsigned', { kind: 'decimal', digits: 10, scale: 2 }],
    ['varchar(40)', { kind: 'string', length: 40, fixed: false }],
    ['char(3)', { kind: 'string', length: 3, fixed: true }],
    ['tinytext', { kind: 'string', length: 255, fixed: false }],
    ['text', { kind: 'string', length: null, fixed: false }],
    ['mediumtext', { kind: 'string', length: null, fixed: false }],
    // MariaDB JSON is longtext with a json_valid check; the introspector reports it as `json`.
    ['longtext', { kind: 'string', length: null, fixed: false }],
    ['json', { kind: 'json' }],
    ['varbinary(16)', { kind: 'bytes', length: 16 }],
    ['binary(16)', { kind: 'bytes', length: 16 }],
    ['blob', { kind: 'bytes', length: null }],
    ['tinyblob', { kind: 'bytes', length: 255 }],
    ['longblob', { kind: 'bytes', length: null }],
    ['date', { kind: 'date' }],
    ['datetime', { kind: 'timestamp' }],
    ['datetime(6)', { kind: 'timestamp' }],
    ['timestamp', { kind: 'timestamp' }],
    ['timestamp(3)', { kind: 'timestamp' }],
    ['time', { kind: 'time' }],
    ['time(3)', { kind: 'time' }],
    ['year', { kind: 'year' }],
    ['bit(1)', { kind: 'bit', width: 1, varying: false }],
    ['bit(8)', { kind: 'bit', width: 8, varying: false }],
    ['uuid', { kind: 'uuid' }],
    ['inet6', { kind: 'inet' }],
    ['inet4', { kind: 'inet' }],
    ['geometry', { kind: 'unknown' }],
    ['point', { kind: 'unknown' }],
    // MySQL 8.0.23+ and MariaDB 10.3+ keep INVISIBLE in the model's type.
    ['text invisible', { kind: 'string', length: null, fixed: false }],
    ['int invisible', { kind: 'int', max: 2147483647n, unsigned: false }],
  ])('%s', (type, expected) => {
    expect(classify(type)).toEqual(expected);
  });

  it('enum and set labels, quotes and case kept', () => {
    expect(classify("enum('a','b')")).toEqual({ kind: 'labels', labels: ['a', 'b'] });
    expect(classify("set('read','write')")).toEqual({ kind: 'labels', labels: ['read', 'write'] });
    expect(classify("enum('It''s','B,C')")).toEqual({ kind: 'labels', labels: ["It's", 'B,C'] });
    expect(classify("enum('x','y') invisible")).toEqual({ kind: 'labels', labels: ['x', 'y'] });
  });
});

describe('classifyType on Postgres renderings', () => {
  it.each<[string, TypeClass]>([
    ['integer', { kind: 'int', max: 2147483647n, unsigned: false }],
    ['bigint', { kind: 'int', max: 9223372036854775807n, unsigned: false }],
    ['boolean', { kind: 'bool', asNumber: false }],
    ['numeric(5,2)', { kind: 'decimal', digits: 5, scale: 2 }],
    ['numeric', { kind: 'decimal', digits: 12, scale: 0 }],
    ['double precision', { kind: 'float' }],
    ['real', { kind: 'float' }],
    ['character varying(255)', { kind: 'string', length: 255, fixed: false }],
    ['character varying', { kind: 'string', length: null, fixed: false }],
    ['character(1)', { kind: 'string', length: 1, fixed: true }],
    ['text', { kind: 'string', length: null, fixed: false }],
    ['bytea', { kind: 'bytes', length: null }],
    ['timestamp with time zone', { kind: 'timestamp' }],
    ['time without time zone', { kind: 'time' }],
    ['bit(3)', { kind: 'bit', width: 3, varying: false }],
    ['bit varying(5)', { kind: 'bit', width: 5, varying: true }],
    ['jsonb', { kind: 'json' }],
    ['uuid', { kind: 'uuid' }],
    ['interval', { kind: 'interval' }],
    ['inet', { kind: 'inet' }],
    ['integer[]', { kind: 'array' }],
  ])('%s', (type, expected) => {
    expect(classify(type)).toEqual(expected);
  });

  it('a Postgres enum resolves through the schema', () => {
    expect(classifyType('public.mood', (name) => (name === 'public.mood' ? ['happy', 'sad'] : null))).toEqual(
      {
        kind: 'labels',
        labels: ['happy', 'sad'],
      },
    );
  });
});

describe('cellValue at the limits', () => {
  it('unsigned integers reach twice the signed maximum plus one', () => {
    expect(limits(classify('int unsigned'))).toBe('4294967295');
    expect(limits(classify('bigint unsigned'))).toBe('18446744073709551615');
    expect(limits(classify('tinyint unsigned'))).toBe('255');
  });

  it('bit strings have exactly the declared width, all ones first', () => {
    expect(limits(classify('bit(8)'))).toBe('11111111');
    expect(limits(classify('bit(8)'), 1, true)).toBe('00000010');
    expect(limits(classify('bit(1)'), 1, true)).toBe('0');
  });

  it('decimals and scaled floats fill their digits', () => {
    expect(limits(classify('decimal(10,2)'))).toBe('99999999.99');
    expect(limits(classify('float(7,4)'))).toBe('999.9999');
  });

  it('unique short binaries stay within their length and distinct', () => {
    const type = classify('varbinary(4)');
    const values = [0, 1, 2, 12].map((row) => limits(type, row, true));
    expect(values.every((v) => v !== null && v.length <= 4)).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });
});
