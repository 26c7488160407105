/** Which type changes can lose data: every conversion not known to keep all values counts. */
import { describe, expect, it } from 'vitest';
import { typeChangeLosesData } from '../../../src/schema/ddl/narrowing.js';
import type { EngineName } from '../../../src/schema/model.js';

describe('typeChangeLosesData', () => {
  it.each([
    ['postgres', 'smallint', 'integer'],
    ['postgres', 'integer', 'bigint'],
    ['postgres', 'character varying(100)', 'character varying(255)'],
    ['postgres', 'character varying(100)', 'text'],
    ['postgres', 'integer', 'text'],
    ['postgres', 'numeric(10,2)', 'numeric(12,2)'],
    ['postgres', 'numeric(10,2)', 'numeric'],
    ['postgres', 'integer', 'numeric(12,0)'],
    ['postgres', 'real', 'double precision'],
    ['postgres', 'timestamp(3) without time zone', 'timestamp without time zone'],
    ['postgres', 'date', 'timestamp with time zone'],
    ['postgres', 'json', 'jsonb'],
    ['postgres', 'integer[]', 'bigint[]'],
    ['mariadb', 'int', 'bigint'],
    ['mariadb', 'int unsigned', 'bigint'],
    ['mariadb', 'varchar(100)', 'varchar(255)'],
    ['mariadb', 'varchar(255)', 'text'],
    ['mariadb', 'text', 'longtext'],
    ['mariadb', "enum('a','b')", "enum('a','b','c')"],
    ['mariadb', 'datetime', 'datetime(3)'],
  ])('%s: %s -> %s keeps every value', (engine, a, b) => {
    expect(typeChangeLosesData(engine as EngineName, a, b)).toBe(false);
  });

  it.each([
    ['postgres', 'bigint', 'integer'],
    ['postgres', 'character varying(255)', 'character varying(100)'],
    ['postgres', 'text', 'character varying(100)'],
    ['postgres', 'text', 'integer'],
    ['postgres', 'numeric(12,2)', 'numeric(10,2)'],
    ['postgres', 'numeric(10,4)', 'numeric(10,2)'],
    ['postgres', 'double precision', 'real'],
    ['postgres', 'timestamp with time zone', 'date'],
    ['postgres', 'integer', 'integer[]'],
    ['postgres', 'boolean', 'integer'],
    ['mariadb', 'bigint', 'int'],
    ['mariadb', 'int', 'int unsigned'],
    ['mariadb', 'varchar(255)', 'varchar(10)'],
    ['mariadb', 'longtext', 'text'],
    ['mariadb', 'varchar(255)', 'tinytext'],
    ['mariadb', "enum('a','b','c')", "enum('a','b')"],
    ['mariadb', 'decimal(10,2)', 'decimal(8,2)'],
    ['mariadb', 'datetime(3)', 'datetime'],
  ])('%s: %s -> %s may lose data', (engine, a, b) => {
    expect(typeChangeLosesData(engine as EngineName, a, b)).toBe(true);
  });
});
