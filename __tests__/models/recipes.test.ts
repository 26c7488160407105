/**
 * The tested `--models-command` recipes of docs/drift.md: Sequelize's sync(), TypeORM's synchronize,
 * `drizzle-kit push`, SQLAlchemy's create_all and Django's syncdb, each run by CommandModelSource on a
 * real empty database. The fixture project (fixtures/drift-recipes) installs the npm tools from its
 * own lockfile the first time; the Python ones come from Debian's python3.
 *
 * Each tool's output is compared with hand-written migrations for the same app that lack one column
 * the model added since: drift must report exactly that column, and none of the ways each tool spells
 * or names things differently from a migration.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDrift, describeDrift } from '../../src/checks/drift.js';
import { silentLogger } from '../../src/log.js';
import { CommandModelSource } from '../../src/models/command-models.js';
import { type EngineHarness, mysqlHarness, postgres } from '../helpers/local-engines.js';
import type { TestDatabase } from '../helpers/servers.js';

const PROJECT = join(import.meta.dirname, '..', 'fixtures', 'drift-recipes');
/** Debian's python3 has SQLAlchemy, Django, psycopg2 and mysqlclient installed (PyPI is unreachable here). */
const PYTHON = process.env.SCHEMAGATE_TEST_PYTHON ?? '/usr/bin/python3';

interface Recipe {
  tool: string;
  command: string;
  engines: ('postgres' | 'mysql')[];
}

const RECIPES: Recipe[] = [
  { tool: 'sequelize', command: 'node sequelize-sync.cjs', engines: ['postgres', 'mysql'] },
  { tool: 'typeorm', command: 'node typeorm-sync.cjs', engines: ['postgres', 'mysql'] },
  { tool: 'drizzle', command: 'npx drizzle-kit push --force', engines: ['postgres'] },
  { tool: 'sqlalchemy', command: `${PYTHON} sqlalchemy/create_all.py`, engines: ['postgres', 'mysql'] },
  {
    tool: 'django',
    command: `cd django && DJANGO_SETTINGS_MODULE=shop.schemagate_settings ${PYTHON} manage.py migrate --run-syncdb --noinput`,
    engines: ['postgres', 'mysql'],
  },
];

const EXPECTED: Record<string, string> = {
  postgres: 'column public.users.nickname: migrations give no such column, models say character varying(50)',
  mysql: 'column users.nickname: migrations give no such column, models say varchar(50)',
};

beforeAll(async () => {
  if (existsSync(join(PROJECT, 'node_modules', '.package-lock.json'))) return;
  // The registry is reachable here (and in CI); the install is cached in the fixture's node_modules.
  await promisify(execFile)('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: PROJECT,
    timeout: 600_000,
  });
}, 600_000);

function suite(label: string, folder: 'postgres' | 'mysql', harness: () => Promise<EngineHarness>) {
  describe(`--models-command recipes on ${label}`, () => {
    let h: EngineHarness;
    const dbs: TestDatabase[] = [];
    beforeAll(async () => {
      h = await harness();
    });
    afterAll(async () => {
      await Promise.all(dbs.map((db) => db.drop()));
    });

    for (const recipe of RECIPES.filter((r) => r.engines.includes(folder))) {
      it(`${recipe.tool}: ${recipe.command}`, async () => {
        const [migratedDb, modelsDb] = await Promise.all([h.create(), h.create()]);
        dbs.push(migratedDb, modelsDb);
        await h.exec(
          migratedDb.url,
          readFileSync(join(PROJECT, 'migrated', `${recipe.tool}.${h.folder}.sql`), 'utf8'),
        );
        const source = new CommandModelSource(recipe.command, PROJECT, silentLogger, { timeoutMs: 120_000 });
        await source.build(h.throwaway(modelsDb));
        const [migrated, models] = await Promise.all([h.snapshot(migratedDb.url), h.snapshot(modelsDb.url)]);
        const report = await checkDrift({
          migrated,
          models,
          ignore: [],
          mode: 'fail',
          source: source.describe,
        });
        expect(report.differences.map(describeDrift)).toEqual([EXPECTED[h.folder]]);
        expect(report.sql.map((s) => s.sql)).toHaveLength(1);
      });
    }
  });
}

suite('Postgres', 'postgres', async () => postgres);
suite('MariaDB', 'mysql', mysqlHarness);
