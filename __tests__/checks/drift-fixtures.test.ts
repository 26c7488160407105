/**
 * Drift fixtures on real Postgres and MariaDB. Each folder under fixtures/drift/<name>/<engine>/ holds
 * what the migrations build (migrated.sql) and what the models build (models.sql), and the drift
 * report expected for it (expected.<engine>.txt: the differences as a reviewer reads them, then the
 * SQL with destructive statements marked). Each fixture also proves its SQL:
 *   - applied to the migrated database, it leaves no drift;
 *   - written as a knex migration, `up` leaves no drift and `down` restores the migrated schema exactly.
 *
 * UPDATE_GOLDEN=1 rewrites the expected files; review the diff, it is what users will see.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDrift, describeDrift } from '../../src/checks/drift.js';
import { silentLogger } from '../../src/log.js';
import { createModelSource } from '../../src/models/index.js';
import type { DriftReport } from '../../src/report/model.js';
import { writeDriftMigration } from '../../src/schema/ddl/knex-migration.js';
import { diff } from '../../src/schema/diff.js';
import type { Schema } from '../../src/schema/model.js';
import { type EngineHarness, mysqlHarness, postgres } from '../helpers/local-engines.js';
import type { TestDatabase } from '../helpers/servers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'drift');

const DRIFTING = [
  'extra-column',
  'type-length',
  'missing-index',
  'different-default',
  'different-nullability',
  'fk-action',
  'check-constraint',
  'extra-table',
  'dropped-table',
];

export function renderDrift(report: DriftReport): string {
  const lines = ['-- differences', ...report.differences.map(describeDrift), '', '-- sql'];
  for (const s of report.sql) {
    if (s.destructive) lines.push('-- destructive');
    lines.push(`${s.sql};`);
  }
  return `${lines.join('\n')}\n`;
}

interface Built {
  migrated: Schema;
  models: Schema;
  report: DriftReport;
  migratedDb: TestDatabase;
  spareDb: TestDatabase;
}

/** Builds both sides of a fixture: migrated.sql by hand, models.sql through the real model source. */
async function build(h: EngineHarness, name: string, dbs: TestDatabase[]): Promise<Built> {
  const dir = join(FIXTURES, name, h.folder);
  const [migratedDb, modelsDb, spareDb] = await Promise.all([h.create(), h.create(), h.create()]);
  dbs.push(migratedDb, modelsDb, spareDb);
  const migratedSql = readFileSync(join(dir, 'migrated.sql'), 'utf8');
  await h.exec(migratedDb.url, migratedSql);
  await h.exec(spareDb.url, migratedSql);
  const source = createModelSource(
    { cwd: dir, models: [join(dir, 'models.sql')], modelsCommand: null, timeoutMs: 60_000 },
    silentLogger,
  );
  await source!.build(h.throwaway(modelsDb));
  const [migrated, models] = await Promise.all([h.snapshot(migratedDb.url), h.snapshot(modelsDb.url)]);
  const report = await checkDrift({ migrated, models, ignore: [], mode: 'fail', source: source!.describe });
  return { migrated, models, report, migratedDb, spareDb };
}

function engineSuite(label: string, harness: () => Promise<EngineHarness>) {
  describe(`drift on ${label}`, () => {
    let h: EngineHarness;
    beforeAll(async () => {
      h = await harness();
    });

    for (const name of DRIFTING) {
      describe(name, () => {
        const dbs: TestDatabase[] = [];
        let built: Built;
        beforeAll(async () => {
          built = await build(h, name, dbs);
        });
        afterAll(async () => {
          await Promise.all(dbs.map((db) => db.drop()));
        });

        it('is reported precisely, with the SQL that closes it', () => {
          expect(built.report.status).toBe('fail');
          expect(built.report.source).toBe('models.sql');
          const golden = join(FIXTURES, name, h.folder, `expected.${built.migrated.engine}.txt`);
          const rendered = renderDrift(built.report);
          if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, rendered);
          expect(rendered).toBe(readFileSync(golden, 'utf8'));
        });

        it('applying the SQL to the migrated database leaves no drift', async () => {
          for (const s of built.report.sql) await h.exec(built.migratedDb.url, s.sql);
          const after = await h.snapshot(built.migratedDb.url);
          const again = await checkDrift({
            migrated: after,
            models: built.models,
            ignore: [],
            mode: 'fail',
            source: '',
          });
          expect(again.differences.map(describeDrift)).toEqual([]);
          expect(again.sql).toEqual([]);
        });

        it('the knex migration goes up to the models and down to the migrations', async () => {
          const dir = await mkdtemp(join(tmpdir(), 'sg-drift-'));
          const k = knex({
            client: h.knexClient,
            connection: built.spareDb.url,
            migrations: { directory: dir },
          });
          try {
            const file = await writeDriftMigration({
              dir,
              migrated: built.migrated,
              models: built.models,
              ignore: [],
              source: 'models.sql',
            });
            expect(file).toMatch(/\d{14}_schemagate_drift\.js$/);
            await k.migrate.up();
            const up = await h.snapshot(built.spareDb.url);
            const drift = await checkDrift({
              migrated: up,
              models: built.models,
              ignore: [],
              mode: 'fail',
              source: '',
            });
            expect(drift.differences.map(describeDrift)).toEqual([]);
            await k.migrate.down();
            const down = await h.snapshot(built.spareDb.url);
            // Exact: same names, same everything, as schemagate's own round-trip check compares.
            expect(diff(built.migrated, down)).toEqual([]);
          } finally {
            await k.destroy();
            await rm(dir, { recursive: true, force: true });
          }
        });
      });
    }

    describe('models that agree with the migrations', () => {
      const dbs: TestDatabase[] = [];
      afterAll(async () => {
        await Promise.all(dbs.map((db) => db.drop()));
      });

      it('give no difference and no SQL, whatever the spelling and generated names', async () => {
        const built = await build(h, 'models-agree', dbs);
        expect(built.report.differences.map(describeDrift)).toEqual([]);
        expect(built.report.sql).toEqual([]);
        expect(built.report.status).toBe('pass');
        // The spellings really differ: without drift's matching the two schemas are not equal.
        expect(diff(built.migrated, built.models).length).toBeGreaterThan(0);
      });
    });
  });
}

engineSuite('Postgres', async () => postgres);
engineSuite('MariaDB', mysqlHarness);
