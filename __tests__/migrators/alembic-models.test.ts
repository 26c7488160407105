import { afterEach, describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { ConfigError } from '../../src/errors.js';
import { createAlembicMigrator } from '../../src/migrators/alembic.js';
import { createAlembicModels } from '../../src/models/alembic-models.js';
import { diff } from '../../src/schema/diff.js';
import type { LocalEngine } from '../helpers/targets.js';
import { fixture, recordingLogger, snapshot, testOptions, throwaway } from './helpers.js';

const created: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});
async function database(engine: LocalEngine) {
  const db = await throwaway(engine);
  created.push(db);
  return db;
}

/** Applies every revision, then builds the models on a second database; returns both snapshots' difference. */
async function migratedVersusModels(project: string, engine: LocalEngine, models: string[] = []) {
  const options = testOptions(fixture('alembic', project), { models });
  const migrator = await createAlembicMigrator(options, recordingLogger());
  const migrated = await database(engine);
  const session = await migrator.open(migrated);
  try {
    for (const m of await migrator.list()) await session.up(m);
  } finally {
    await session.close();
  }
  const source = createAlembicModels(options, recordingLogger());
  const built = await database(engine);
  await source.build(built);
  return {
    source,
    differences: diff(await snapshot(migrated), await snapshot(built), {
      matchGeneratedNamesByDefinition: true,
    }),
  };
}

describe.each(['postgres', 'mariadb'] as const)('Alembic models on %s', (engine) => {
  it("builds env.py's target_metadata and matches the migrated schema of a clean project", async () => {
    const { source, differences } = await migratedVersusModels('clean', engine);
    expect(source.describe).toBe('alembic env.py target_metadata (create_all)');
    expect(differences).toEqual([]);
  });

  it('finds a model column that no migration creates', async () => {
    const { differences } = await migratedVersusModels('drift', engine);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ change: 'added', kind: 'column', name: 'updated_by' });
  });
});

describe('Alembic models', () => {
  it('takes --models module:attribute (resolved to a path by the CLI) instead of env.py', async () => {
    const cwd = fixture('alembic', 'database-url');
    const { source, differences } = await migratedVersusModels('database-url', 'postgres', [
      `${cwd}/app.models:Base.metadata`,
    ]);
    expect(source.describe).toBe('app.models:Base.metadata');
    // database-url's migrations stop before settings and users.name, which the models have.
    expect(differences.map((d) => `${d.change} ${d.kind} ${d.object}`).sort()).toEqual([
      'added column column public.users.name',
      'added table table public.settings',
    ]);
  });

  it('names a broken env.py and a bad --models', async () => {
    const db = await database('postgres');
    const broken = createAlembicModels(testOptions(fixture('alembic', 'broken-env')), recordingLogger());
    await expect(broken.build(db)).rejects.toThrow(
      new ConfigError(
        "migrations/env.py failed: ModuleNotFoundError: No module named 'app.modelz' (imported by migrations/env.py:6)",
        { hint: 'app is app/__init__.py, which has no module modelz: fix the import' },
      ),
    );
    const bad = createAlembicModels(
      testOptions(fixture('alembic', 'clean'), { models: ['app.models:Nope'] }),
      recordingLogger(),
    );
    await expect(bad.build(db)).rejects.toThrow(
      new ConfigError(
        "--models app.models:Nope could not be loaded: AttributeError: module 'app.models' has no attribute 'Nope'",
      ),
    );
  });
});
