/**
 * MySQL-flavoured fixtures against the engine-neutral diff: each change is found, and found alone
 * (the lists are exact, so a false difference next to the real one fails the test); an unchanged
 * schema and the same schema written with other but equivalent DDL give no difference at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { describeDifference, diff } from '../../../src/schema/diff.js';
import { Databases, snapshot, snapshotOf } from './helpers.js';

interface Fixture {
  name: string;
  base: string;
  changed: string;
  expected: string[];
}

const TEAMS = 'CREATE TABLE teams (id int PRIMARY KEY);';

const FIXTURES: Fixture[] = [
  {
    name: 'an unsigned integer',
    base: 'CREATE TABLE t (id int PRIMARY KEY, n int)',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, n int unsigned)',
    expected: ['column t.n: type: int -> int unsigned'],
  },
  {
    name: 'an enum value added',
    base: "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b') NOT NULL)",
    changed: "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b','c') NOT NULL)",
    expected: ["column t.e: type: enum('a','b') -> enum('a','b','c')"],
  },
  {
    name: 'set members reordered',
    base: "CREATE TABLE t (id int PRIMARY KEY, s set('x','y'))",
    changed: "CREATE TABLE t (id int PRIMARY KEY, s set('y','x'))",
    expected: ["column t.s: type: set('x','y') -> set('y','x')"],
  },
  {
    name: 'ON UPDATE CURRENT_TIMESTAMP',
    base: 'CREATE TABLE t (id int PRIMARY KEY, ts timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)',
    changed:
      'CREATE TABLE t (id int PRIMARY KEY, ts timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)',
    expected: ['column t.ts: on update: none -> CURRENT_TIMESTAMP'],
  },
  {
    name: 'a JSON column turned into LONGTEXT',
    base: 'CREATE TABLE t (id int PRIMARY KEY, doc json)',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, doc longtext)',
    expected: ['column t.doc: type: json -> longtext'],
  },
  {
    name: 'a per-column collation',
    base: 'CREATE TABLE t (id int PRIMARY KEY, code varchar(10))',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, code varchar(10) COLLATE utf8mb4_bin)',
    expected: ['column t.code: collation: none -> utf8mb4_bin'],
  },
  {
    name: 'a per-column charset',
    base: 'CREATE TABLE t (id int PRIMARY KEY, code varchar(10))',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, code varchar(10) CHARACTER SET latin1)',
    expected: [
      'column t.code: collation: none -> latin1_swedish_ci',
      'column t.code: charset: none -> latin1',
    ],
  },
  {
    name: 'a prefix length',
    base: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50), KEY k (name(10)))',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, name varchar(50), KEY k (name(20)))',
    expected: ['index k on t: columns: name(10) -> name(20)'],
  },
  {
    name: 'a descending index part',
    base: 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY k (a, b))',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY k (a, b DESC))',
    expected: ['index k on t: columns: a, b -> a, b DESC'],
  },
  {
    name: 'a foreign key and the index the server makes for it',
    base: `${TEAMS} CREATE TABLE m (id int PRIMARY KEY, team_id int)`,
    changed: `${TEAMS} CREATE TABLE m (id int PRIMARY KEY, team_id int, CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id))`,
    expected: [
      'constraint fk_team on m: added (FOREIGN KEY (team_id) REFERENCES teams (id))',
      'index fk_team on m: added (USING btree (team_id))',
    ],
  },
  {
    name: 'a CHECK constraint added',
    base: 'CREATE TABLE t (id int PRIMARY KEY, n int)',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, n int, CONSTRAINT n_positive CHECK (n > 0))',
    expected: ['constraint n_positive on t: added (CHECK (`n` > 0))'],
  },
  {
    name: 'a CHECK constraint changed',
    base: 'CREATE TABLE t (id int PRIMARY KEY, n int, CONSTRAINT n_positive CHECK (n > 0))',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, n int, CONSTRAINT n_positive CHECK (n > 1))',
    expected: ['constraint n_positive on t: definition: CHECK (`n` > 0) -> CHECK (`n` > 1)'],
  },
  {
    name: 'a generated column made stored',
    base: 'CREATE TABLE t (id int PRIMARY KEY, n int, g int AS (n * 2) VIRTUAL)',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, n int, g int AS (n * 2) STORED)',
    expected: ['column t.g: generated: `n` * 2 virtual -> `n` * 2 stored'],
  },
  {
    name: 'a foreign key action',
    base: `${TEAMS} CREATE TABLE m (id int PRIMARY KEY, team_id int, CONSTRAINT fk FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE)`,
    changed: `${TEAMS} CREATE TABLE m (id int PRIMARY KEY, team_id int, CONSTRAINT fk FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL)`,
    expected: ['constraint fk on m: on delete: cascade -> set null'],
  },
  {
    name: 'a default',
    base: "CREATE TABLE t (id int PRIMARY KEY, s varchar(5) DEFAULT 'a')",
    changed: "CREATE TABLE t (id int PRIMARY KEY, s varchar(5) DEFAULT 'b')",
    expected: ["column t.s: default: 'a' -> 'b'"],
  },
  {
    name: 'nullability',
    base: 'CREATE TABLE t (id int PRIMARY KEY, s varchar(5) NOT NULL)',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, s varchar(5))',
    expected: ['column t.s: nullable: false -> true'],
  },
  {
    name: 'auto_increment',
    base: 'CREATE TABLE t (id int PRIMARY KEY)',
    changed: 'CREATE TABLE t (id int PRIMARY KEY AUTO_INCREMENT)',
    expected: ['column t.id: identity: none -> auto_increment'],
  },
  {
    name: 'tinyint(1), a boolean, against tinyint',
    base: 'CREATE TABLE t (id int PRIMARY KEY, f tinyint(1))',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, f tinyint(4))',
    expected: ['column t.f: type: tinyint(1) -> tinyint'],
  },
  {
    name: 'a view',
    base: 'CREATE TABLE t (id int PRIMARY KEY, n int); CREATE VIEW v AS SELECT id FROM t',
    changed: 'CREATE TABLE t (id int PRIMARY KEY, n int); CREATE VIEW v AS SELECT id FROM t WHERE n > 0',
    expected: [
      'view v: definition: select `t`.`id` AS `id` from `t` -> select `t`.`id` AS `id` from `t` where `t`.`n` > 0',
    ],
  },
  {
    name: 'a trigger',
    base: 'CREATE TABLE t (id int PRIMARY KEY, n int); CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1',
    changed:
      'CREATE TABLE t (id int PRIMARY KEY, n int); CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 2',
    expected: [
      'trigger t_bi on t: definition: BEFORE INSERT FOR EACH ROW SET NEW.n = 1 -> BEFORE INSERT FOR EACH ROW SET NEW.n = 2',
    ],
  },
  {
    name: 'a function body',
    base: 'CREATE FUNCTION f(a int) RETURNS int DETERMINISTIC RETURN a + 1',
    changed: 'CREATE FUNCTION f(a int) RETURNS int DETERMINISTIC RETURN a + 2',
    expected: [
      'function f: definition: FUNCTION f(a int) RETURNS int DETERMINISTIC CONTAINS SQL\nRETURN a + 1 -> FUNCTION f(a int) RETURNS int DETERMINISTIC CONTAINS SQL\nRETURN a + 2',
    ],
  },
  {
    name: 'a MariaDB sequence increment',
    base: 'CREATE SEQUENCE s',
    changed: 'CREATE SEQUENCE s INCREMENT BY 5',
    expected: ['sequence s: increment: 1 -> 5'],
  },
];

describe('MySQL-flavoured fixtures through the diff', () => {
  const dbs = new Databases();
  afterAll(() => dbs.dropAll());

  for (const fixture of FIXTURES) {
    it(`finds ${fixture.name}, and nothing on the unchanged schema`, async () => {
      const base = await dbs.create(fixture.base);
      const [before, again, after] = await Promise.all([
        snapshot(base.url),
        snapshot(base.url),
        snapshotOf(dbs, fixture.changed),
      ]);
      expect(again).toEqual(before);
      expect(diff(before, again)).toEqual([]);
      expect(diff(before, after).map(describeDifference)).toEqual(fixture.expected);
    });
  }
});

/** One schema written two ways: inline in CREATE TABLE, and with other spellings and later ALTERs. */
const SPELLING_A = `
CREATE TABLE teams (
  id int(11) NOT NULL AUTO_INCREMENT,
  name varchar(50) NOT NULL DEFAULT 'x',
  flag bool DEFAULT false,
  note varchar(10) DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  t3 datetime(3) DEFAULT CURRENT_TIMESTAMP(3),
  doc json,
  code varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  plain varchar(10) CHARACTER SET utf8mb4,
  amount decimal(10,2) unsigned DEFAULT 1.5,
  PRIMARY KEY (id),
  UNIQUE KEY teams_name_unique (name),
  KEY by_created (created_at DESC),
  CONSTRAINT named CHECK (char_length(name) > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE members (
  id int NOT NULL PRIMARY KEY,
  team_id int,
  CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT ON UPDATE NO ACTION
);
`;

const SPELLING_B = `
CREATE TABLE teams (
  id INTEGER NOT NULL,
  name VARCHAR(50) NOT NULL DEFAULT "x",
  flag TINYINT(1) DEFAULT 0,
  note VARCHAR(10),
  created_at TIMESTAMP NOT NULL DEFAULT now() ON UPDATE current_timestamp(),
  t3 DATETIME(3) DEFAULT now(3),
  doc LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin CHECK (json_valid(doc)),
  code VARCHAR(10) COLLATE utf8mb4_bin,
  plain VARCHAR(10),
  amount DECIMAL(10,2) UNSIGNED DEFAULT '1.50'
);
ALTER TABLE teams ADD PRIMARY KEY (id), MODIFY id INTEGER NOT NULL AUTO_INCREMENT;
CREATE UNIQUE INDEX teams_name_unique ON teams (name);
CREATE INDEX by_created ON teams (created_at DESC);
ALTER TABLE teams ADD CONSTRAINT named CHECK (char_length(name) > 0);
CREATE TABLE members (id INT PRIMARY KEY, team_id INT);
ALTER TABLE members ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id);
`;

describe('equivalent DDL spellings', () => {
  const dbs = new Databases();
  afterAll(() => dbs.dropAll());

  it('compare equal', async () => {
    const [a, b] = await Promise.all([snapshotOf(dbs, SPELLING_A), snapshotOf(dbs, SPELLING_B)]);
    expect(Object.keys(a.tables).sort()).toEqual(['members', 'teams']);
    expect(Object.keys(a.tables.teams!.columns)).toHaveLength(10);
    expect(a.tables.teams!.columns.doc!.type).toBe('json');
    expect(diff(a, b).map(describeDifference)).toEqual([]);
    expect(b).toEqual(a);
  });
});
