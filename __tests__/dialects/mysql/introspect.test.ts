/** Snapshots of a real MariaDB database: what each kind of object looks like in the model. */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbDialect, mysqlDialect } from '../../../src/dialects/mysql/index.js';
import { quoteLiteral } from '../../../src/dialects/mysql/normalise.js';
import { InfraError } from '../../../src/errors.js';
import { diff } from '../../../src/schema/diff.js';
import type { Schema } from '../../../src/schema/model.js';
import { MYSQL_URL } from '../../helpers/servers.js';
import { Databases, snapshot } from './helpers.js';

const RICH = `
CREATE TABLE teams (
  id int(11) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(50) NOT NULL DEFAULT 'it''s',
  active tinyint(1) NOT NULL DEFAULT 1,
  kind enum('a','b') NOT NULL DEFAULT 'a',
  tags set('x','y') DEFAULT 'x,y',
  settings json,
  latin varchar(10) CHARACTER SET latin1,
  code varchar(10) COLLATE utf8mb4_bin,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  touched datetime(3) DEFAULT now(3),
  slug varchar(60) AS (lower(name)) VIRTUAL,
  score int,
  CONSTRAINT score_positive CHECK (score > 0),
  UNIQUE KEY (name),
  KEY by_name_created (name(10), created_at DESC)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC COMMENT 'the teams';
CREATE TABLE members (
  id int PRIMARY KEY,
  team_id int(10) unsigned,
  CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
CREATE VIEW active_teams AS SELECT t.id, t.name FROM teams t WHERE t.active = 1;
CREATE TRIGGER members_bi BEFORE INSERT ON members FOR EACH ROW SET NEW.id = NEW.id + 1;
CREATE FUNCTION plus_one(a int) RETURNS int DETERMINISTIC RETURN a + 1;
CREATE PROCEDURE touch_team(IN team int) UPDATE teams SET touched = now(3) WHERE id = team;
CREATE SEQUENCE ticket_seq START WITH 100 INCREMENT BY 5;
CREATE TABLE knex_migrations (id int PRIMARY KEY);
CREATE TABLE audit_log (id int PRIMARY KEY);
`;

describe('mysql dialect on MariaDB', () => {
  const dbs = new Databases();
  let url: string;
  let schema: Schema;

  beforeAll(async () => {
    url = (await dbs.create(RICH)).url;
    schema = await snapshot(url, { excludeTables: ['audit_log'] });
  });
  afterAll(() => dbs.dropAll());

  it('reports the engine the server really is, and no namespaces', () => {
    expect(schema.engine).toBe('mariadb');
    expect(schema.namespaces).toEqual({});
  });

  it('leaves out bookkeeping tables and the tables the user excluded', () => {
    expect(Object.keys(schema.tables).sort()).toEqual(['members', 'teams']);
  });

  it('reads table options: engine, charset, collation and an explicit row format', () => {
    expect(schema.tables.teams!.options).toEqual({
      engine: 'InnoDB',
      charset: 'utf8mb4',
      collation: expect.stringMatching(/^utf8mb4_/),
      row_format: 'DYNAMIC',
    });
    expect(schema.tables.members!.options.row_format).toBeUndefined();
    expect(schema.tables.teams!.comment).toBe('the teams');
  });

  it('reads columns in their normalised form', () => {
    const c = schema.tables.teams!.columns;
    expect(c.id).toMatchObject({
      type: 'int unsigned',
      nullable: false,
      identity: 'auto_increment',
      default: null,
    });
    expect(c.name).toMatchObject({ type: 'varchar(50)', default: "'it''s'" });
    expect(c.active).toMatchObject({ type: 'tinyint(1)', default: '1' });
    expect(c.kind).toMatchObject({ type: "enum('a','b')", default: "'a'" });
    expect(c.tags).toMatchObject({ type: "set('x','y')", default: "'x,y'", nullable: true });
    expect(c.settings).toMatchObject({ type: 'json', collation: null, charset: null, default: null });
    expect(c.latin).toMatchObject({ charset: 'latin1', collation: 'latin1_swedish_ci' });
    expect(c.code).toMatchObject({ charset: null, collation: 'utf8mb4_bin' });
    expect(c.name!.collation).toBeNull();
    expect(c.created_at).toMatchObject({ default: 'CURRENT_TIMESTAMP', onUpdate: 'CURRENT_TIMESTAMP' });
    expect(c.touched).toMatchObject({ type: 'datetime(3)', default: 'CURRENT_TIMESTAMP(3)', onUpdate: null });
    expect(c.slug).toMatchObject({ generated: 'lcase(`name`) virtual', default: null });
    expect(schema.tables.members!.columns.team_id!.type).toBe('int unsigned');
  });

  it("drops MariaDB's automatic json_valid check and keeps the user's", () => {
    const constraints = schema.tables.teams!.constraints;
    expect(Object.keys(constraints).sort()).toEqual(['PRIMARY', 'name', 'score_positive']);
    expect(constraints.score_positive).toMatchObject({
      kind: 'check',
      definition: 'CHECK (`score` > 0)',
      columns: ['score'],
    });
  });

  it('reads indexes with prefix lengths and descending parts, and the constraints they implement', () => {
    const t = schema.tables.teams!;
    expect(t.indexes.by_name_created).toMatchObject({
      definition: 'USING btree (name(10), created_at DESC)',
      columns: ['name(10)', 'created_at DESC'],
      unique: false,
      constraint: null,
    });
    expect(t.indexes.name).toMatchObject({ unique: true, constraint: 'name', generatedName: true });
    expect(t.constraints.name).toMatchObject({ kind: 'unique', definition: 'UNIQUE (name)' });
    expect(t.constraints.PRIMARY).toMatchObject({ kind: 'primary key', definition: 'PRIMARY KEY (id)' });
  });

  it('reads foreign keys with their rules and marks the index the server made for one', () => {
    const m = schema.tables.members!;
    expect(m.constraints.fk_team).toMatchObject({
      kind: 'foreign key',
      definition: 'FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE',
      foreignKey: { table: 'teams', columns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
    });
    expect(m.indexes.fk_team).toMatchObject({ implicit: true, generatedName: true, columns: ['team_id'] });
  });

  it('reads views without the database name, triggers, routines and sequences', () => {
    expect(schema.views.active_teams).toMatchObject({
      definition: 'select `t`.`id` AS `id`,`t`.`name` AS `name` from `teams` `t` where `t`.`active` = 1',
      columns: ['id int unsigned', 'name varchar(50)'],
    });
    expect(schema.tables.members!.triggers.members_bi!.definition).toBe(
      'BEFORE INSERT FOR EACH ROW SET NEW.id = NEW.id + 1',
    );
    expect(schema.routines.plus_one).toMatchObject({
      kind: 'function',
      arguments: 'a int',
      definition: 'FUNCTION plus_one(a int) RETURNS int DETERMINISTIC CONTAINS SQL\nRETURN a + 1',
    });
    expect(schema.routines.touch_team).toMatchObject({ kind: 'procedure', arguments: 'IN team int' });
    expect(schema.sequences.ticket_seq).toMatchObject({ start: '100', increment: '5', cycle: false });
  });

  it('takes the same snapshot twice, and diff finds nothing between them', async () => {
    const again = await snapshot(url, { excludeTables: ['audit_log'] });
    expect(again).toEqual(schema);
    expect(JSON.stringify(again)).toBe(JSON.stringify(schema));
    expect(diff(schema, again)).toEqual([]);
  });

  it('serves a scoped snapshot with exactly the objects in scope', async () => {
    const introspector = await mysqlDialect.introspector(url);
    try {
      const scoped = await introspector.snapshot({ all: false, objects: { tables: ['members', 'gone'] } });
      expect(Object.keys(scoped.tables)).toEqual(['members']);
      expect(scoped.views).toEqual({});
    } finally {
      await introspector.close();
    }
  });

  it('has no change tracker: every step takes a full snapshot', async () => {
    expect(await mariadbDialect.tracker(url)).toBeNull();
  });

  it('writes string defaults exactly as MariaDB quotes them', async () => {
    const values = ['x\ny\tz\\w\'q"', 'a\rb\0c', 'é☃', "''", '\\'];
    const columns = values.map((v, i) => `c${i} varchar(40) DEFAULT ${mysql.escape(v)}`).join(', ');
    const db = await dbs.create(`CREATE TABLE q (id int, ${columns}); INSERT INTO q (id) VALUES (1)`);
    const c = await mysql.createConnection(db.url);
    try {
      const [rows] = await c.query('SELECT * FROM q');
      const stored = (rows as Record<string, string>[])[0]!;
      const got = (await snapshot(db.url)).tables.q!.columns;
      values.forEach((v, i) => {
        expect(stored[`c${i}`]).toBe(v);
        expect(got[`c${i}`]!.default).toBe(quoteLiteral(v));
      });
    } finally {
      await c.end();
    }
  });
});

describe('connecting', () => {
  it('fails with one line that names the database and says what to do', async () => {
    const url = new URL(MYSQL_URL);
    url.pathname = '/sgtest_does_not_exist';
    const error = await mariadbDialect.introspector(url.toString()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    expect((error as InfraError).message).toMatch(/^Cannot introspect mysql:\/\/.*\/sgtest_does_not_exist: /);
    expect((error as InfraError).message).not.toContain('\n');
    expect((error as InfraError).hint).toBeTruthy();
  });

  it('refuses a URL without a database', async () => {
    const url = new URL(MYSQL_URL);
    url.pathname = '/';
    await expect(mariadbDialect.introspector(url.toString())).rejects.toThrow(/names no database/);
  });
});
