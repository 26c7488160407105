/**
 * Drift SQL beyond the basic fixtures: changes whose statements must be ordered around dependencies
 * (views over retyped columns, foreign keys over a changed key, enums in use, functions before
 * triggers, MySQL's foreign-key indexes). For each scenario, on a real server:
 *   - the SQL from migrated to models, applied, leaves no drift;
 *   - the SQL back (models to migrated), applied after it, restores the migrated schema exactly;
 *   - the statements flagged destructive are exactly the ones expected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDrift, describeDrift } from '../../../src/checks/drift.js';
import type { DriftStatement } from '../../../src/report/model.js';
import { generateDdl } from '../../../src/schema/ddl/index.js';
import { diff } from '../../../src/schema/diff.js';
import { driftSchemas } from '../../../src/schema/drift-normalise.js';
import { type EngineHarness, mysqlHarness, postgres } from '../../helpers/local-engines.js';
import type { TestDatabase } from '../../helpers/servers.js';

interface Scenario {
  name: string;
  migrated: string;
  models: string;
  /** Substrings of the statements that must be flagged destructive (and no other). */
  destructive?: string[];
}

const PG: Scenario[] = [
  {
    name: 'an enum label added in the middle',
    migrated: `CREATE TYPE mood AS ENUM ('happy', 'sad'); CREATE TABLE p (id int PRIMARY KEY, m mood);`,
    models: `CREATE TYPE mood AS ENUM ('happy', 'meh', 'sad'); CREATE TABLE p (id int PRIMARY KEY, m mood);`,
  },
  {
    name: 'an enum label removed from a type in use, with a default',
    migrated: `CREATE TYPE mood AS ENUM ('happy', 'meh', 'sad');
      CREATE TABLE p (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'happy', ms mood[]);`,
    models: `CREATE TYPE mood AS ENUM ('happy', 'sad');
      CREATE TABLE p (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'happy', ms mood[]);`,
    destructive: ['ALTER COLUMN m TYPE', 'ALTER COLUMN ms TYPE'],
  },
  {
    name: 'a view over a column whose type changes, and a view over that view',
    migrated: `CREATE TABLE users (id int PRIMARY KEY, name varchar(50));
      CREATE VIEW named AS SELECT id, name FROM users WHERE name IS NOT NULL;
      CREATE VIEW named_count AS SELECT count(*) AS n FROM named;`,
    models: `CREATE TABLE users (id int PRIMARY KEY, name text);
      CREATE VIEW named AS SELECT id, name FROM users WHERE name IS NOT NULL;
      CREATE VIEW named_count AS SELECT count(*) AS n FROM named;`,
  },
  {
    name: 'a referenced key and its foreign key widened together',
    migrated: `CREATE TABLE teams (id int PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY, team_id int REFERENCES teams (id));`,
    models: `CREATE TABLE teams (id bigint PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY, team_id bigint REFERENCES teams (id));`,
  },
  {
    name: 'the primary key moves while a foreign key references the old one',
    migrated: `CREATE TABLE teams (code text PRIMARY KEY, id int NOT NULL UNIQUE);
      CREATE TABLE users (id int PRIMARY KEY, team_code text REFERENCES teams (code));`,
    models: `CREATE TABLE teams (code text NOT NULL UNIQUE, id int PRIMARY KEY);
      CREATE TABLE users (id int PRIMARY KEY, team_code text REFERENCES teams (code));`,
  },
  {
    name: 'a unique index becomes a unique constraint',
    migrated: `CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL); CREATE UNIQUE INDEX users_email_uidx ON users (email);`,
    models: `CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE);`,
  },
  {
    name: 'serial becomes identity, a generated column appears, comments change',
    migrated: `CREATE TABLE items (id serial PRIMARY KEY, price numeric(10,2) NOT NULL, qty int NOT NULL);
      COMMENT ON TABLE items IS 'old';`,
    models: `CREATE TABLE items (id int GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY, price numeric(10,2) NOT NULL,
        qty int NOT NULL, total numeric GENERATED ALWAYS AS (price * qty) STORED);
      COMMENT ON TABLE items IS 'Items for sale'; COMMENT ON COLUMN items.qty IS 'how many';`,
    destructive: ['DROP SEQUENCE public.items_id_seq'],
  },
  {
    name: 'a function and its trigger, a check that changes, a partial index that changes',
    migrated: `CREATE TABLE t (id int PRIMARY KEY, v int, deleted boolean, CONSTRAINT t_v_check CHECK (v > 0));
      CREATE INDEX t_v_live ON t (v) WHERE NOT deleted;`,
    models: `CREATE TABLE t (id int PRIMARY KEY, v int, deleted boolean, CONSTRAINT t_v_check CHECK (v >= 0));
      CREATE INDEX t_v_live ON t (v) WHERE deleted IS NOT TRUE;
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := coalesce(NEW.v, 0); RETURN NEW; END $$;
      CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
  },
  {
    name: 'a new schema with a domain, a table in it and a materialized view with an index',
    migrated: `CREATE TABLE base (id int PRIMARY KEY);`,
    models: `CREATE TABLE base (id int PRIMARY KEY);
      CREATE SCHEMA billing; CREATE DOMAIN billing.cents AS bigint CHECK (VALUE >= 0);
      CREATE TABLE billing.invoices (id int PRIMARY KEY, base_id int REFERENCES base (id), amount billing.cents NOT NULL);
      CREATE MATERIALIZED VIEW billing.totals AS SELECT base_id, sum(amount) AS total FROM billing.invoices GROUP BY base_id;
      CREATE UNIQUE INDEX totals_base ON billing.totals (base_id);`,
  },
];

const MYSQL: Scenario[] = [
  {
    name: 'a referenced key and its foreign key widened together',
    migrated: `CREATE TABLE teams (id int PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY, team_id int,
      CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id));`,
    models: `CREATE TABLE teams (id bigint PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY, team_id bigint,
      CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id));`,
  },
  {
    name: 'the index a foreign key uses is replaced by a wider one',
    migrated: `CREATE TABLE teams (id int PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY, team_id int, created_at datetime,
      KEY users_team_idx (team_id), CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id));`,
    models: `CREATE TABLE teams (id int PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY, team_id int, created_at datetime,
      KEY users_team_created_idx (team_id, created_at), CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id));`,
  },
  {
    name: 'enum labels added and removed',
    migrated: `CREATE TABLE p (id int PRIMARY KEY, a enum('x','y'), b enum('x','y','z') NOT NULL DEFAULT 'x');`,
    models: `CREATE TABLE p (id int PRIMARY KEY, a enum('x','y','w'), b enum('x','y') NOT NULL DEFAULT 'x');`,
    destructive: ['MODIFY COLUMN `b`'],
  },
  {
    name: 'a unique key becomes a plain index, a check is dropped, comments change',
    migrated: `CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, age int,
      UNIQUE KEY users_email_unique (email), CONSTRAINT users_age_check CHECK (age >= 0)) COMMENT 'old';`,
    models: `CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, age int COMMENT 'years',
      KEY users_email_index (email)) COMMENT 'people';`,
  },
  {
    name: 'a view over a column whose type changes, a trigger, a generated column, a collation',
    migrated: `CREATE TABLE items (id int PRIMARY KEY, name varchar(50), price int NOT NULL, qty int NOT NULL);
      CREATE VIEW named_items AS SELECT id, name FROM items;`,
    models: `CREATE TABLE items (id int PRIMARY KEY, name varchar(80) COLLATE utf8mb4_bin, price int NOT NULL, qty int NOT NULL,
        total int AS (price * qty) STORED);
      CREATE VIEW named_items AS SELECT id, name FROM items;
      CREATE TRIGGER items_qty BEFORE INSERT ON items FOR EACH ROW SET NEW.qty = GREATEST(NEW.qty, 0);`,
  },
];

function destructiveOf(statements: DriftStatement[]): string[] {
  return statements.filter((s) => s.destructive).map((s) => s.sql);
}

function scenarios(label: string, harness: () => Promise<EngineHarness>, list: Scenario[]) {
  describe(`drift SQL on ${label}`, () => {
    let h: EngineHarness;
    const dbs: TestDatabase[] = [];
    beforeAll(async () => {
      h = await harness();
    });
    afterAll(async () => {
      await Promise.all(dbs.map((db) => db.drop()));
    });

    for (const s of list) {
      it(s.name, async () => {
        const [target, models] = await Promise.all([h.create(), h.create()]);
        dbs.push(target, models);
        await Promise.all([h.exec(target.url, s.migrated), h.exec(models.url, s.models)]);
        const [migratedSchema, modelsSchema] = await Promise.all([
          h.snapshot(target.url),
          h.snapshot(models.url),
        ]);
        const { from, to } = driftSchemas({ migrated: migratedSchema, models: modelsSchema, ignore: [] });
        const up = await generateDdl(from, to);
        const down = await generateDdl(to, from);
        expect(up.length).toBeGreaterThan(0);

        for (const st of up) await h.exec(target.url, st.sql);
        const after = await h.snapshot(target.url);
        const drift = await checkDrift({
          migrated: after,
          models: modelsSchema,
          ignore: [],
          mode: 'fail',
          source: '',
        });
        expect(drift.differences.map(describeDrift)).toEqual([]);

        for (const st of down) await h.exec(target.url, st.sql);
        expect(diff(migratedSchema, await h.snapshot(target.url))).toEqual([]);

        const expected = s.destructive ?? [];
        const flagged = destructiveOf(up);
        expect(flagged).toHaveLength(expected.length);
        for (const part of expected) expect(flagged.some((sql) => sql.includes(part))).toBe(true);
      });
    }
  });
}

scenarios('Postgres', async () => postgres, PG);
scenarios('MariaDB', mysqlHarness, MYSQL);
