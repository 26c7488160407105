/**
 * The index MySQL and MariaDB create by themselves for a foreign key (see build-indexes.ts for the
 * rule): round trips that drop the key with or without its index, re-applying, and drift against
 * models that name or leave out the index.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { describeDifference, diff } from '../../../src/schema/diff.js';
import { mysqlExec } from '../../helpers/servers.js';
import { Databases, snapshot, snapshotOf } from './helpers.js';

const BASE =
  'CREATE TABLE teams (id int PRIMARY KEY); CREATE TABLE members (id int PRIMARY KEY, team_id int);';
const ADD_FK = 'ALTER TABLE members ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id)';

describe("a foreign key's implicit index", () => {
  const dbs = new Databases();
  afterAll(() => dbs.dropAll());

  it('is marked implicit, named after the constraint or, unnamed, after its column', async () => {
    const named = await snapshotOf(dbs, `${BASE} ${ADD_FK}`);
    expect(named.tables.members!.indexes.fk_team).toMatchObject({ implicit: true, generatedName: true });
    const unnamed = await snapshotOf(
      dbs,
      `${BASE} ALTER TABLE members ADD FOREIGN KEY (team_id) REFERENCES teams (id)`,
    );
    expect(Object.keys(unnamed.tables.members!.constraints).sort()).toEqual(['PRIMARY', 'members_ibfk_1']);
    expect(unnamed.tables.members!.indexes.team_id).toMatchObject({ implicit: true, generatedName: true });
  });

  it('is not implicit when the migration created it under a name of its own', async () => {
    const schema = await snapshotOf(dbs, `${BASE} CREATE INDEX by_team ON members (team_id); ${ADD_FK}`);
    expect(Object.keys(schema.tables.members!.indexes).sort()).toEqual(['PRIMARY', 'by_team']);
    expect(schema.tables.members!.indexes.by_team!.implicit).toBeUndefined();
  });

  it('round trip: a down that drops only the key leaves the index, and that is reported', async () => {
    const db = await dbs.create(BASE);
    const s0 = await snapshot(db.url);
    await mysqlExec(db.url, ADD_FK);
    const s1 = await snapshot(db.url);
    await mysqlExec(db.url, 'ALTER TABLE members DROP FOREIGN KEY fk_team');
    const down = await snapshot(db.url);
    expect(diff(s0, down).map(describeDifference)).toEqual([
      'index fk_team on members: added (USING btree (team_id))',
    ]);
    // With no key left it is an ordinary index.
    expect(down.tables.members!.indexes.fk_team!.implicit).toBeUndefined();
    // Re-applying the up reuses the index: the schema is S1 again.
    await mysqlExec(db.url, ADD_FK);
    expect(diff(s1, await snapshot(db.url))).toEqual([]);
  });

  it('round trip: a down that drops the key and its index compares equal', async () => {
    const db = await dbs.create(BASE);
    const s0 = await snapshot(db.url);
    await mysqlExec(db.url, ADD_FK);
    await mysqlExec(db.url, 'ALTER TABLE members DROP FOREIGN KEY fk_team; DROP INDEX fk_team ON members');
    expect(diff(s0, await snapshot(db.url))).toEqual([]);
  });

  it('round trip: a migration that drops the key, undone by adding it back, compares equal', async () => {
    const db = await dbs.create(`${BASE} ${ADD_FK}`);
    const s0 = await snapshot(db.url);
    await mysqlExec(db.url, 'ALTER TABLE members DROP FOREIGN KEY fk_team');
    expect(diff(s0, await snapshot(db.url)).map(describeDifference)).toEqual([
      'constraint fk_team on members: removed (was: FOREIGN KEY (team_id) REFERENCES teams (id))',
    ]);
    await mysqlExec(db.url, ADD_FK);
    expect(await snapshot(db.url)).toEqual(s0);
  });

  it('drift: models that declare the index under another name, or never, show no difference', async () => {
    // Migrations: knex-style names, the index left to the server.
    const migrated = await snapshotOf(
      dbs,
      `${BASE} ALTER TABLE members ADD CONSTRAINT members_team_id_foreign FOREIGN KEY (team_id) REFERENCES teams (id)`,
    );
    // Models: an explicit index and a differently named key.
    const declared = await snapshotOf(
      dbs,
      `${BASE} CREATE INDEX members_team_id_index ON members (team_id);
       ALTER TABLE members ADD CONSTRAINT members_ibfk_1 FOREIGN KEY (team_id) REFERENCES teams (id)`,
    );
    // Models: the key with no name and no index.
    const bare = await snapshotOf(
      dbs,
      `${BASE} ALTER TABLE members ADD FOREIGN KEY (team_id) REFERENCES teams (id)`,
    );
    const drift = { matchGeneratedNamesByDefinition: true };
    expect(diff(migrated, declared, drift)).toEqual([]);
    expect(diff(migrated, bare, drift)).toEqual([]);
    // Without pairing by definition the names are what differs, and nothing else.
    expect(
      diff(migrated, bare)
        .map((d) => `${d.change} ${d.kind} ${d.name}`)
        .sort(),
    ).toEqual([
      'added constraint members_ibfk_1',
      'added index team_id',
      'removed constraint members_team_id_foreign',
      'removed index members_team_id_foreign',
    ]);
  });
});
