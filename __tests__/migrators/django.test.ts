import { afterEach, describe, expect, it } from 'vitest';
import type { ThrowawayDatabase } from '../../src/databases/provider.js';
import { ConfigError, MigrationError } from '../../src/errors.js';
import { createDjangoMigrator } from '../../src/migrators/django.js';
import type { Migration } from '../../src/migrators/migrator.js';
import { createDjangoModels } from '../../src/models/django-models.js';
import { diff } from '../../src/schema/diff.js';
import type { LocalEngine } from '../helpers/targets.js';
import {
  barePython,
  fixture,
  recordingLogger,
  removeBarePython,
  snapshot,
  testOptions,
  throwaway,
} from './helpers.js';

const created: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});
async function database(engine: LocalEngine) {
  const db = await throwaway(engine);
  created.push(db);
  return db;
}
const byId = (migrations: Migration[], id: string) => migrations.find((m) => m.id === id)!;

describe.each(['postgres', 'mariadb'] as const)('Django on %s', (engine) => {
  it('steps through the shop (contrib apps, FKs across apps, RunPython, RunSQL) up, down and up with identical schemas', async () => {
    const migrator = await createDjangoMigrator(testOptions(fixture('django', 'shop')), recordingLogger());
    const migrations = await migrator.list();
    const ids = migrations.map((m) => m.id);
    // Plan order: every migration after its dependencies, django.contrib included.
    expect(ids.indexOf('contenttypes.0001_initial')).toBeLessThan(ids.indexOf('auth.0001_initial'));
    expect(ids.indexOf('auth.0001_initial')).toBeLessThan(ids.indexOf('accounts.0001_initial'));
    expect(ids.indexOf('catalog.0001_initial')).toBeLessThan(ids.indexOf('orders.0001_initial'));
    expect(byId(migrations, 'orders.0002_order_totals_view')).toEqual({
      id: 'orders.0002_order_totals_view',
      name: 'orders.0002_order_totals_view',
      file: 'orders/migrations/0002_order_totals_view.py',
      reversible: true,
      irreversibleDeclared: false,
    });
    expect(byId(migrations, 'auth.0001_initial').file).toBe('django/contrib/auth/migrations/0001_initial.py');
    expect(await migrator.findings!()).toEqual([]);

    const db = await database(engine);
    const session = await migrator.open(db);
    try {
      const snapshots = [await snapshot(db)];
      for (const m of migrations) {
        const up = await session.up(m);
        const after = await snapshot(db);
        const down = await session.down(m);
        expect({ migration: m.id, differences: diff(snapshots.at(-1)!, await snapshot(db)) }).toEqual({
          migration: m.id,
          differences: [],
        });
        await session.up(m);
        expect({ migration: m.id, differences: diff(after, await snapshot(db)) }).toEqual({
          migration: m.id,
          differences: [],
        });
        snapshots.push(after);
        if (m.id === 'catalog.0001_initial') {
          expect(up.statements[0]).toMatch(/^CREATE TABLE [`"]catalog_category[`"]/);
          expect(up.statements.some((s) => /catalog_product_price_gte_0/.test(s))).toBe(true);
        }
        if (m.id === 'catalog.0003_seed_categories') {
          // The RunPython's own statements, then the RunSQL, in operation order.
          expect(up.statements.filter((s) => /INSERT INTO [`"]catalog_category[`"]/.test(s))).toHaveLength(3);
          expect(up.statements.at(-1)).toBe(
            "UPDATE catalog_product SET sku = CONCAT('SKU-', id) WHERE sku IS NULL",
          );
          expect(down.statements[0]).toBe("UPDATE catalog_product SET sku = NULL WHERE sku LIKE 'SKU-%'");
          expect(down.statements.at(-1)).toMatch(/^DELETE FROM [`"]catalog_category[`"]/);
        }
        if (m.id === 'orders.0002_order_totals_view') {
          expect(up.statements).toHaveLength(1);
          expect(up.statements[0]).toMatch(/^CREATE VIEW orders_order_totals AS/);
          expect(down.statements).toEqual(['DROP VIEW orders_order_totals']);
        }
        expect(up.statements.some((s) => /django_migrations/.test(s))).toBe(false);
      }
      expect(Object.keys(snapshots.at(-1)!.views)).toHaveLength(1);
    } finally {
      await session.close();
    }
  });

  it('builds the models through syncdb and matches the migrated schema, the RunSQL view aside', async () => {
    const options = testOptions(fixture('django', 'shop'));
    const migrator = await createDjangoMigrator(options, recordingLogger());
    const migrated = await database(engine);
    const session = await migrator.open(migrated);
    try {
      for (const m of await migrator.list()) await session.up(m);
    } finally {
      await session.close();
    }
    const built = await database(engine);
    await createDjangoModels(options, recordingLogger()).build(built);
    const differences = diff(await snapshot(migrated), await snapshot(built), {
      matchGeneratedNamesByDefinition: true,
    });
    // The models cannot know a view that only a RunSQL creates; everything else matches.
    expect(differences.map((d) => `${d.change} ${d.kind}`)).toEqual(['removed view']);
    expect(differences[0]!.object).toMatch(/orders_order_totals/);
  });
});

describe('Django findings and broken projects', () => {
  it('reports two leaf nodes in an app as a conflict', async () => {
    const migrator = await createDjangoMigrator(
      testOptions(fixture('django', 'blog-conflict')),
      recordingLogger(),
    );
    expect(await migrator.findings!()).toEqual([
      {
        kind: 'conflicting-migrations',
        severity: 'error',
        message:
          'app blog has 2 leaf migrations (0002_post_slug, 0002_post_views): merge them with "python manage.py makemigrations --merge"',
        file: 'blog/migrations/0002_post_views.py',
        migration: 'blog.0002_post_views',
      },
    ]);
  });

  it('reports a model change with no migration, and the drift shows the column', async () => {
    const options = testOptions(fixture('django', 'blog-drift'));
    const migrator = await createDjangoMigrator(options, recordingLogger());
    const findings = await migrator.findings!();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'missing-migration', severity: 'error' });
    expect(findings[0]!.message).toMatch(
      /^models have changes with no migration \(makemigrations --check\): Migrations for 'blog': .*- Add field published to post; run "python manage.py makemigrations"$/,
    );

    const migrated = await database('postgres');
    const session = await migrator.open(migrated);
    for (const m of await migrator.list()) await session.up(m);
    await session.close();
    const built = await database('postgres');
    await createDjangoModels(options, recordingLogger()).build(built);
    const differences = diff(await snapshot(migrated), await snapshot(built));
    expect(differences.map((d) => `${d.change} ${d.object}`)).toEqual([
      'added column public.blog_post.published',
    ]);
  });

  it('marks a RunPython without reverse_code irreversible, and refuses to unapply it', async () => {
    const migrator = await createDjangoMigrator(
      testOptions(fixture('django', 'blog-irreversible')),
      recordingLogger(),
    );
    const migrations = await migrator.list();
    expect(migrations.map((m) => [m.id, m.reversible, m.irreversibleDeclared])).toEqual([
      ['blog.0001_initial', true, false],
      ['blog.0002_titlecase', false, false],
    ]);
    const db = await database('mariadb');
    const session = await migrator.open(db);
    try {
      for (const m of migrations) await session.up(m);
      const error = await session.down(migrations[1]!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(
        /^IrreversibleError: Operation <RunPython .*> in blog.0002_titlecase is not reversible$/,
      );
    } finally {
      await session.close();
    }
  });

  it('leaves the index behind when a RunSQL reverse forgets it', async () => {
    const migrator = await createDjangoMigrator(
      testOptions(fixture('django', 'blog-forgets-index')),
      recordingLogger(),
    );
    const [initial, index] = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(initial!);
      const before = await snapshot(db);
      await session.up(index!);
      const down = await session.down(index!);
      expect(down.statements).toEqual([]);
      const differences = diff(before, await snapshot(db));
      expect(differences.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
        'added index blog_post_title_lower',
      ]);
    } finally {
      await session.close();
    }
  });

  it('reports a failing migration with its statement and code', async () => {
    const migrator = await createDjangoMigrator(
      testOptions(fixture('django', 'blog-forgets-index')),
      recordingLogger(),
    );
    const [initial, index] = await migrator.list();
    const db = await database('postgres');
    const session = await migrator.open(db);
    try {
      await session.up(initial!);
      await session.up(index!);
      await session.down(index!);
      const error = await session.up(index!).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect(error).toMatchObject({
        message: 'relation "blog_post_title_lower" already exists',
        code: '42P07',
        statement: 'CREATE INDEX blog_post_title_lower ON blog_post (title)',
      });
    } finally {
      await session.close();
    }
  });

  it('names a missing Django', async () => {
    const python = await barePython();
    try {
      const migrator = await createDjangoMigrator(
        testOptions(fixture('django', 'shop'), { python }),
        recordingLogger(),
      );
      const error = await migrator.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`django is not installed for ${python}: pip install Django`);
    } finally {
      await removeBarePython();
    }
  });

  it('names broken settings and a missing manage.py', async () => {
    const migrator = await createDjangoMigrator(
      testOptions(fixture('django', 'blog-broken-settings')),
      recordingLogger(),
    );
    await expect(migrator.list()).rejects.toThrow(
      new ConfigError(
        "settings blogsite.settings failed: ModuleNotFoundError: No module named 'site_config' (imported by blogsite/settings.py:6)",
        {
          hint: "site_config is not installed for /usr/bin/python3: pass --python /path/to/venv/bin/python, the interpreter that has the project's dependencies, or set PYTHONPATH to the folder that holds it if it is the project's own code",
        },
      ),
    );
    await expect(
      createDjangoMigrator(testOptions(fixture('alembic', 'clean')), recordingLogger()),
    ).rejects.toThrow(
      /^manage.py not found in .*fixtures\/alembic\/clean: run schemagate in the folder that holds it/,
    );
  });
});
