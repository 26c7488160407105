/**
 * Django projects through the real CLI, on the local Postgres and MariaDB, with the tool detected
 * from manage.py (no --tool). The shop is the realistic one: three apps, foreign keys across apps and
 * to auth.User, a data migration (RunPython with its reverse), RunSQL with reverse SQL, and
 * django.contrib's own migrations. Each broken project fails for one reason only.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PASS, check, checkLines, ENGINES, expectSqlInMarkdown, fixture, PYTHON } from './harness.js';

const django = (project: string, args: string[]) =>
  check(fixture('django', project), ['--python', PYTHON, ...args]);

describe.each(ENGINES)('Django through the CLI on $name', (engine) => {
  const table = (name: string) => (engine.name === 'postgres' ? `public.${name}` : name);

  it('round-trips the shop with exit 0 and no false difference, with the SQL of every migration', async () => {
    // The view only a RunSQL creates is not in the models (docs/alembic-django.md, Limitations): a
    // project lists such objects in --ignore, which leaves exactly that view out and nothing else.
    const r = await django('shop', [...engine.args, '--ignore', 'view:orders_order_totals']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.tool).toBe('django');
    expect(r.engine!.engine).toBe(engine.name);
    const migrations = r.engine!.migrations;
    // Every migration, django.contrib's included, passes all three checks and nothing else: the
    // state-only ones (auth.0004, 0006, 0007, 0011) run no SQL either way, and need no down. The one
    // warning is real: contenttypes.0002 drops django_content_type.name and its reverse re-adds it
    // at the end, so the table's columns come back in another order.
    expect(checkLines(r.engine!).filter((l) => !l.endsWith(`: ${ALL_PASS}`))).toEqual([
      'contenttypes.0002_remove_content_type_name: up pass, round-trip warn, re-apply pass',
    ]);
    const contentTypes = migrations.find((m) => m.id === 'contenttypes.0002_remove_content_type_name')!;
    expect(contentTypes.checks.find((c) => c.check === 'round-trip')!.differences).toEqual([
      expect.objectContaining({
        object: `column ${table('django_content_type')}.name`,
        attribute: 'position',
        before: '2',
        after: '4',
        severity: 'warning',
      }),
    ]);
    expect(migrations.filter((m) => m.sql.up.length === 0).map((m) => [m.id, m.sql.down])).toEqual([
      ['auth.0004_alter_user_username_opts', []],
      ['auth.0006_require_contenttypes_0002', []],
      ['auth.0007_alter_validators_add_error_messages', []],
      ['auth.0011_update_proxy_permissions', []],
    ]);
    // The project's own migrations, in an order that respects the cross-app dependencies.
    const project = migrations.filter((m) => /^(accounts|catalog|orders)\./.test(m.id));
    expect(project.map((m) => [m.id, m.file])).toEqual([
      ['accounts.0001_initial', 'accounts/migrations/0001_initial.py'],
      ['catalog.0001_initial', 'catalog/migrations/0001_initial.py'],
      ['catalog.0002_product_sku', 'catalog/migrations/0002_product_sku.py'],
      ['catalog.0003_seed_categories', 'catalog/migrations/0003_seed_categories.py'],
      ['orders.0001_initial', 'orders/migrations/0001_initial.py'],
      ['orders.0002_order_totals_view', 'orders/migrations/0002_order_totals_view.py'],
    ]);
    expect(migrations.findIndex((m) => m.id === 'auth.0001_initial')).toBeLessThan(
      migrations.findIndex((m) => m.id === 'accounts.0001_initial'),
    );
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(r.report!.findings).toEqual([]);

    const sql = (id: string) => migrations.find((m) => m.id === id)!.sql;
    const q = engine.name === 'postgres' ? '"' : '`';
    expect(sql('orders.0001_initial').up.join('\n')).toContain(
      `FOREIGN KEY (${q}product_id${q}) REFERENCES ${q}catalog_product${q} (${q}id${q})`,
    );
    // The data migration: the statements RunPython executed, and the RunSQL and its reverse.
    const seed = sql('catalog.0003_seed_categories');
    expect(seed.up.filter((s) => s.startsWith('INSERT INTO'))).toHaveLength(3);
    expect(seed.up.at(-1)).toBe("UPDATE catalog_product SET sku = CONCAT('SKU-', id) WHERE sku IS NULL");
    expect(seed.down[0]).toBe("UPDATE catalog_product SET sku = NULL WHERE sku LIKE 'SKU-%'");
    expect(seed.down.at(-1)).toMatch(/^DELETE FROM .catalog_category. WHERE/);
    expect(sql('orders.0002_order_totals_view').up[0]).toMatch(/^CREATE VIEW orders_order_totals AS/);
    expect(sql('orders.0002_order_totals_view').down).toEqual(['DROP VIEW orders_order_totals']);
    for (const m of migrations) expect(m.sql.up.join('\n')).not.toMatch(/django_migrations/);
    expectSqlInMarkdown(r.markdown!, migrations);
  });

  it('fails a RunSQL whose reverse forgets an index, naming the migration and the index', async () => {
    const r = await django('blog-forgets-index', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `blog.0001_initial: ${ALL_PASS}`,
      'blog.0002_title_index: up pass, irreversible fail, round-trip fail, re-apply fail',
    ]);
    const index = r.engine!.migrations[1]!;
    expect(index.sql).toEqual({ up: ['CREATE INDEX blog_post_title_lower ON blog_post (title)'], down: [] });
    const roundTrip = index.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.object}`)).toEqual([
      `added index blog_post_title_lower on ${table('blog_post')}`,
    ]);
    expect(index.checks.find((c) => c.check === 'irreversible')!.message).toMatch(/^down runs no SQL/);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(r.report!.findings).toEqual([]);
    expect(r.stdout).toContain('blog.0002_title_index (blog/migrations/0002_title_index.py)');
    expect(r.stdout).toContain(
      `index blog_post_title_lower on ${table('blog_post')} exists after down but not before up`,
    );
    expectSqlInMarkdown(r.markdown!, r.engine!.migrations);
  });

  it('fails a RunPython without reverse_code as irreversible', async () => {
    const r = await django('blog-irreversible', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `blog.0001_initial: ${ALL_PASS}`,
      'blog.0002_titlecase: up pass, irreversible fail, round-trip skip, re-apply skip',
    ]);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(r.stdout).toContain('blog.0002_titlecase (blog/migrations/0002_titlecase.py)');
    expect(r.stdout).toContain('irreversible: has no down: it cannot be rolled back');
  });

  it('fails a model change with no migration twice: the makemigrations --check finding and the drift', async () => {
    const r = await django('blog-drift', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([`blog.0001_initial: ${ALL_PASS}`]);
    expect(r.engine!.drift!.differences.map((d) => `${d.change} ${d.object}`)).toEqual([
      `added column ${table('blog_post')}.published`,
    ]);
    const message =
      'models have changes with no migration (makemigrations --check): Migrations for \'blog\': blog/migrations/0002_post_published.py - Add field published to post; run "python manage.py makemigrations"';
    expect(r.report!.findings).toEqual([{ kind: 'missing-migration', severity: 'error', message }]);
    expect(r.stdout).toContain(message);
    expect(r.stdout).toContain(`column ${table('blog_post')}.published: migrations give no such column`);
    expect(r.markdown).toContain('makemigrations --check');
  });

  it('fails two leaf nodes with a conflict finding, while every migration passes', async () => {
    const r = await django('blog-conflict', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `blog.0001_initial: ${ALL_PASS}`,
      `blog.0002_post_slug: ${ALL_PASS}`,
      `blog.0002_post_views: ${ALL_PASS}`,
    ]);
    expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    const message =
      'app blog has 2 leaf migrations (0002_post_slug, 0002_post_views): merge them with "python manage.py makemigrations --merge"';
    expect(r.report!.findings).toEqual([
      {
        kind: 'conflicting-migrations',
        severity: 'error',
        message,
        file: 'blog/migrations/0002_post_views.py',
        migration: 'blog.0002_post_views',
      },
    ]);
    expect(r.stdout).toContain(message);
    expect(r.markdown).toContain('app blog has 2 leaf migrations');
  });
});
