/**
 * buildSchema on the rows each server returns for the same table. No MySQL server runs here, so the
 * MySQL 8 rows are written as MySQL 8's information_schema documents them; the MariaDB rows are what
 * MariaDB 10.11 returns (the integration tests check those against the real server). Both must
 * build the same Table.
 */
import { describe, expect, it } from 'vitest';
import { buildSchema, type SnapshotRows } from '../../../src/dialects/mysql/build.js';
import type { ColumnRow } from '../../../src/dialects/mysql/queries/columns.js';
import type { IndexPartRow } from '../../../src/dialects/mysql/queries/indexes.js';
import { serverInfo } from '../../../src/dialects/mysql/server.js';
import { diff } from '../../../src/schema/diff.js';

const DB = 'sgtest_rows';

function rows(partial: Partial<SnapshotRows>): SnapshotRows {
  return {
    tables: [],
    columns: [],
    indexes: [],
    foreignKeyColumns: [],
    foreignKeyRules: [],
    checks: [],
    views: [],
    triggers: [],
    routines: [],
    parameters: [],
    sequences: [],
    ...partial,
  };
}

let position = 0;
function col(name: string, columnType: string, extra: Partial<ColumnRow> = {}): ColumnRow {
  position++;
  return {
    table: 't',
    name,
    position,
    default: null,
    nullable: 'YES',
    dataType: columnType.replace(/\(.*$/, '').split(' ')[0]!,
    columnType,
    charset: null,
    collation: null,
    extra: '',
    comment: '',
    generation: null,
    ...extra,
  };
}

function idx(
  name: string,
  seq: number,
  column: string | null,
  extra: Partial<IndexPartRow> = {},
): IndexPartRow {
  return {
    table: 't',
    name,
    nonUnique: 1,
    seq,
    column,
    order: 'A',
    subPart: null,
    method: 'BTREE',
    comment: '',
    expression: null,
    visible: 'YES',
    ...extra,
  };
}

const text = { charset: 'utf8mb4', collation: 'utf8mb4_general_ci' };
const table = (collation = 'utf8mb4_general_ci') => ({
  name: 't',
  type: 'BASE TABLE',
  engine: 'InnoDB',
  collation,
  createOptions: '',
  comment: '',
});

function mysqlRows(): SnapshotRows {
  position = 0;
  return rows({
    tables: [table(), { ...table(), name: 'teams' }],
    columns: [
      col('id', 'int', { nullable: 'NO', extra: 'auto_increment' }),
      col('name', 'varchar(50)', { nullable: 'NO', default: "it's", ...text }),
      col('flag', 'tinyint(1)', { default: '0' }),
      col('note', 'varchar(10)', { ...text }),
      col('big', 'bigint unsigned', {}),
      col('born', 'year', {}),
      col('created', 'timestamp', {
        nullable: 'NO',
        default: 'CURRENT_TIMESTAMP',
        extra: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP',
      }),
      col('ms', 'datetime(3)', { default: 'CURRENT_TIMESTAMP(3)', extra: 'DEFAULT_GENERATED' }),
      col('uid', 'char(36)', { default: 'uuid()', extra: 'DEFAULT_GENERATED', ...text }),
      col('doc', 'json', { dataType: 'json' }),
      col('bin', 'varchar(10)', { charset: 'utf8mb4', collation: 'utf8mb4_bin' }),
      col('twice', 'int', { extra: 'VIRTUAL GENERATED', generation: '(`id` * 2)' }),
      col('team_id', 'int', {}),
    ],
    indexes: [
      idx('PRIMARY', 1, 'id', { nonUnique: 0 }),
      idx('fk_team', 1, 'team_id'),
      idx('name', 1, 'name', { nonUnique: 0 }),
      idx('pfx', 1, 'name', { subPart: 5 }),
      idx('pfx', 2, 'created', { order: 'D' }),
    ],
    foreignKeyColumns: [
      {
        table: 't',
        name: 'fk_team',
        column: 'team_id',
        position: 1,
        refSchema: DB,
        refTable: 'teams',
        refColumn: 'id',
      },
    ],
    // MySQL 8 reports the rule of a foreign key written without ON DELETE as NO ACTION.
    foreignKeyRules: [
      { table: 't', name: 'fk_team', match: 'NONE', onUpdate: 'NO ACTION', onDelete: 'CASCADE' },
    ],
    // MySQL 8.0.16+: the clause in parentheses, from TABLE_CONSTRAINTS + CHECK_CONSTRAINTS.
    checks: [{ table: 't', name: 'positive_id', clause: '(`id` > 0)', level: null, enforced: 'YES' }],
  });
}

function mariadbRows(): SnapshotRows {
  position = 0;
  return rows({
    tables: [table(), { ...table(), name: 'teams' }],
    columns: [
      col('id', 'int(11)', { nullable: 'NO', extra: 'auto_increment' }),
      col('name', 'varchar(50)', { nullable: 'NO', default: "'it''s'", ...text }),
      col('flag', 'tinyint(1)', { default: '0' }),
      col('note', 'varchar(10)', { default: 'NULL', ...text }),
      col('big', 'bigint(20) unsigned', { default: 'NULL' }),
      col('born', 'year(4)', { default: 'NULL' }),
      col('created', 'timestamp', {
        nullable: 'NO',
        default: 'current_timestamp()',
        extra: 'on update current_timestamp()',
      }),
      col('ms', 'datetime(3)', { default: 'current_timestamp(3)' }),
      col('uid', 'char(36)', { default: 'uuid()', ...text }),
      // MariaDB's JSON: LONGTEXT utf8mb4_bin plus a json_valid column check.
      col('doc', 'longtext', {
        dataType: 'longtext',
        default: 'NULL',
        charset: 'utf8mb4',
        collation: 'utf8mb4_bin',
      }),
      col('bin', 'varchar(10)', { default: 'NULL', charset: 'utf8mb4', collation: 'utf8mb4_bin' }),
      col('twice', 'int(11)', { extra: 'VIRTUAL GENERATED', generation: '`id` * 2' }),
      col('team_id', 'int(11)', { default: 'NULL' }),
    ],
    indexes: [
      idx('PRIMARY', 1, 'id', { nonUnique: 0 }),
      idx('fk_team', 1, 'team_id'),
      idx('name', 1, 'name', { nonUnique: 0 }),
      idx('pfx', 1, 'name', { subPart: 5 }),
      idx('pfx', 2, 'created', { order: 'D' }),
    ],
    foreignKeyColumns: [
      {
        table: 't',
        name: 'fk_team',
        column: 'team_id',
        position: 1,
        refSchema: DB,
        refTable: 'teams',
        refColumn: 'id',
      },
    ],
    foreignKeyRules: [
      { table: 't', name: 'fk_team', match: 'NONE', onUpdate: 'RESTRICT', onDelete: 'CASCADE' },
    ],
    checks: [
      { table: 't', name: 'doc', clause: 'json_valid(`doc`)', level: 'Column', enforced: 'YES' },
      { table: 't', name: 'positive_id', clause: '`id` > 0', level: 'Table', enforced: 'YES' },
    ],
  });
}

describe('buildSchema: MySQL 8 rows and MariaDB rows of one table', () => {
  const mysql = buildSchema(mysqlRows(), serverInfo('8.0.36'), DB);
  const maria = buildSchema(mariadbRows(), serverInfo('10.11.19-MariaDB'), DB);

  it('build the same table', () => {
    expect(mysql.engine).toBe('mysql');
    expect(maria.engine).toBe('mariadb');
    expect(maria.tables.t).toEqual(mysql.tables.t);
    expect(diff({ ...mysql, engine: 'mariadb' }, maria)).toEqual([]);
  });

  it('normalises every trap the same way', () => {
    const t = mysql.tables.t!;
    expect(t.columns.id).toMatchObject({ type: 'int', identity: 'auto_increment', nullable: false });
    expect(t.columns.name!.default).toBe("'it''s'");
    expect(t.columns.flag!.type).toBe('tinyint(1)');
    expect(t.columns.note!.default).toBeNull();
    expect(t.columns.big!.type).toBe('bigint unsigned');
    expect(t.columns.born!.type).toBe('year');
    expect(t.columns.created).toMatchObject({ default: 'CURRENT_TIMESTAMP', onUpdate: 'CURRENT_TIMESTAMP' });
    expect(t.columns.ms!.default).toBe('CURRENT_TIMESTAMP(3)');
    expect(t.columns.uid!.default).toBe('uuid()');
    expect(t.columns.doc).toMatchObject({ type: 'json', collation: null, charset: null });
    expect(t.columns.bin).toMatchObject({ collation: 'utf8mb4_bin', charset: null });
    expect(t.columns.twice!.generated).toBe('`id` * 2 virtual');
    expect(Object.keys(maria.tables.t!.constraints).sort()).toEqual([
      'PRIMARY',
      'fk_team',
      'name',
      'positive_id',
    ]);
    expect(t.constraints.fk_team!.foreignKey).toMatchObject({ onDelete: 'cascade', onUpdate: 'no action' });
    expect(t.constraints.positive_id!.definition).toBe('CHECK (`id` > 0)');
    expect(t.indexes.pfx!.columns).toEqual(['name(5)', 'created DESC']);
    expect(t.indexes.fk_team).toMatchObject({ implicit: true, generatedName: true });
    expect(t.indexes.pfx!.implicit).toBeUndefined();
  });
});

describe('buildSchema: MySQL 8 only', () => {
  it('reads functional key parts (8.0.13+), invisible indexes and NOT ENFORCED checks', () => {
    position = 0;
    const schema = buildSchema(
      rows({
        tables: [table('utf8mb4_0900_ai_ci')],
        columns: [col('email', 'varchar(100)', { charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' })],
        indexes: [
          idx('by_lower', 1, null, { expression: 'lower(`email`)' }),
          idx('hidden', 1, 'email', { visible: 'NO' }),
        ],
        checks: [
          { table: 't', name: 't_chk_1', clause: "(`email` <> _utf8mb4\\'\\')", level: null, enforced: 'NO' },
        ],
      }),
      serverInfo('8.0.36'),
      DB,
    );
    const t = schema.tables.t!;
    expect(t.options).toEqual({ charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', engine: 'InnoDB' });
    expect(t.columns.email!.collation).toBeNull();
    expect(t.indexes.by_lower).toMatchObject({
      columns: ['(lower(`email`))'],
      definition: 'USING btree ((lower(`email`)))',
    });
    expect(t.indexes.hidden!.definition).toBe('USING btree (email) INVISIBLE');
    expect(t.constraints.t_chk_1).toMatchObject({
      definition: "CHECK (`email` <> _utf8mb4'') NOT ENFORCED",
      columns: ['email'],
      generatedName: true,
    });
  });

  it('does not turn a MySQL LONGTEXT with a json_valid check into JSON (MySQL has a real JSON type)', () => {
    position = 0;
    const schema = buildSchema(
      rows({
        tables: [table()],
        columns: [col('doc', 'longtext', { dataType: 'longtext', ...text })],
        checks: [{ table: 't', name: 'doc_ok', clause: '(json_valid(`doc`))', level: null, enforced: 'YES' }],
      }),
      serverInfo('8.0.36'),
      DB,
    );
    expect(schema.tables.t!.columns.doc!.type).toBe('longtext');
    expect(schema.tables.t!.constraints.doc_ok!.definition).toBe('CHECK (json_valid(`doc`))');
  });
});
