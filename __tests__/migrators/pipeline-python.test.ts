/**
 * End to end through the check pipeline (run-check: url provider, dialect snapshots, step checks,
 * drift) with the Alembic and Django migrators and model sources, on real Postgres and MariaDB.
 */
import { describe, expect, it } from 'vitest';
import type { Options } from '../../src/config/options.js';
import { createAlembicMigrator } from '../../src/migrators/alembic.js';
import { createDjangoMigrator, DJANGO_BOOKKEEPING_TABLES } from '../../src/migrators/django.js';
import { createAlembicModels } from '../../src/models/alembic-models.js';
import { createDjangoModels } from '../../src/models/django-models.js';
import type { LocalEngine } from '../helpers/targets.js';
import { fixture, recordingLogger, testOptions } from './helpers.js';
import { checkLines, runPipeline } from './pipeline-helpers.js';

const ENGINES: LocalEngine[] = ['postgres', 'mariadb'];

async function alembic(project: string, engine: LocalEngine, extra: Partial<Options> = {}) {
  const options = testOptions(fixture('alembic', project), extra);
  return runPipeline({
    engine,
    options,
    migrator: await createAlembicMigrator(options, recordingLogger()),
    models: createAlembicModels(options, recordingLogger()),
  });
}

async function django(project: string, engine: LocalEngine, extra: Partial<Options> = {}) {
  const options = testOptions(fixture('django', project), extra);
  return runPipeline({
    engine,
    options,
    migrator: await createDjangoMigrator(options, recordingLogger()),
    models: createDjangoModels(options, recordingLogger()),
    bookkeepingTables: DJANGO_BOOKKEEPING_TABLES,
  });
}

describe.each(ENGINES)('Alembic through the pipeline on %s', (engine) => {
  it("passes the clean project, with each revision's SQL in the report and no drift", async () => {
    const report = await alembic('clean', engine);
    expect(checkLines(report)).toEqual([
      '1a2b3c4d5e6f: up pass, round-trip pass, re-apply pass',
      '2b3c4d5e6f7a: up pass, round-trip pass, re-apply pass',
      '3c4d5e6f7a8b: up pass, round-trip pass, re-apply pass',
      '4d5e6f7a8b9c: up pass, round-trip pass, re-apply pass',
    ]);
    const [users] = report.engines[0]!.migrations;
    expect(users!.sql.up).toContain('CREATE UNIQUE INDEX ix_users_email ON users (email)');
    expect(users!.sql.down.at(-1)).toBe('DROP TABLE users');
    expect(report.engines[0]!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(report.findings).toEqual([]);
    expect(report.status).toBe('pass');
  });

  it('fails the drift when a model column has no migration', async () => {
    const report = await alembic('drift', engine);
    const drift = report.engines[0]!.drift!;
    expect(drift.status).toBe('fail');
    expect(drift.differences.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
      'added column updated_by',
    ]);
    expect(drift.sql.map((s) => s.sql).join('\n')).toMatch(/ADD COLUMN [`"]?updated_by[`"]?/i);
    expect(report.status).toBe('fail');
  });
});

describe('Alembic broken variants through the pipeline', () => {
  it('names the index a downgrade forgot', async () => {
    const report = await alembic('forgets-index', 'postgres');
    const posts = report.engines[0]!.migrations[1]!;
    const roundTrip = posts.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.status).toBe('fail');
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
      'added index ix_users_id_email',
    ]);
    expect(report.status).toBe('fail');
  });

  it('fails an undeclared irreversible revision and passes a declared one with a warning', async () => {
    const report = await alembic('irreversible', 'postgres');
    const [, declared, undeclared] = report.engines[0]!.migrations;
    expect(declared!.checks.find((c) => c.check === 'irreversible')!.status).toBe('warn');
    expect(undeclared!.checks.find((c) => c.check === 'irreversible')!.status).toBe('fail');
    expect(report.status).toBe('fail');
  });

  it('fails two heads with a finding', async () => {
    const report = await alembic('two-heads', 'postgres');
    expect(report.findings.map((f) => [f.kind, f.severity])).toEqual([['multiple-heads', 'error']]);
    expect(report.status).toBe('fail');
  });
});

describe.each(ENGINES)('Django through the pipeline on %s', (engine) => {
  it('round-trips the shop cleanly, with the SQL of every migration in the report', async () => {
    // The view only a RunSQL creates is not in the models: a project lists such objects in --ignore.
    const report = await django('shop', engine, { ignore: ['*.orders_order_totals', 'orders_order_totals'] });
    const migrations = report.engines[0]!.migrations;
    const differences = migrations.flatMap((m) =>
      m.checks.flatMap((c) => (c.differences ?? []).map((d) => `${m.id} ${c.check}: ${d.object}`)),
    );
    // The one difference is real, and only a warning: contenttypes.0002's reverse re-adds
    // django_content_type.name at the end, so the columns come back in another order.
    const moved = 'contenttypes.0002_remove_content_type_name';
    expect(differences).toEqual([
      `${moved} round-trip: column ${engine === 'postgres' ? 'public.' : ''}django_content_type.name`,
    ]);
    // Every migration passes up, round trip and re-apply, and nothing else: the state-only ones
    // (Django's own auth.0004/0006/0007/0011 only change Python-side options) run no SQL either way,
    // and a down that runs no SQL is only a failure when the up ran some.
    for (const m of migrations) {
      expect({ migration: m.id, checks: m.checks.map((c) => `${c.check} ${c.status}`) }).toEqual({
        migration: m.id,
        checks: ['up pass', `round-trip ${m.id === moved ? 'warn' : 'pass'}`, 're-apply pass'],
      });
    }
    expect(
      migrations.filter((m) => m.sql.up.length === 0 && m.sql.down.length === 0).map((m) => m.id),
    ).toEqual([
      'auth.0004_alter_user_username_opts',
      'auth.0006_require_contenttypes_0002',
      'auth.0007_alter_validators_add_error_messages',
      'auth.0011_update_proxy_permissions',
    ]);
    const view = migrations.find((m) => m.id === 'orders.0002_order_totals_view')!;
    expect(view.sql.up[0]).toMatch(/^CREATE VIEW orders_order_totals AS/);
    expect(view.sql.down).toEqual(['DROP VIEW orders_order_totals']);
    expect(report.engines[0]!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(report.findings).toEqual([]);
  });
});

describe('Django broken variants through the pipeline', () => {
  it('fails a model change with no migration twice: the makemigrations finding and the drift', async () => {
    const report = await django('blog-drift', 'postgres');
    expect(report.findings.map((f) => f.kind)).toEqual(['missing-migration']);
    expect(report.engines[0]!.drift!.differences.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
      'added column published',
    ]);
    expect(report.status).toBe('fail');
  });

  it('fails two leaf nodes as a conflict', async () => {
    const report = await django('blog-conflict', 'mariadb');
    expect(report.findings.map((f) => [f.kind, f.severity])).toEqual([['conflicting-migrations', 'error']]);
    expect(report.status).toBe('fail');
  });

  it('fails a RunPython without reverse_code as irreversible', async () => {
    const report = await django('blog-irreversible', 'postgres');
    const titlecase = report.engines[0]!.migrations[1]!;
    expect(titlecase.checks.find((c) => c.check === 'irreversible')!.status).toBe('fail');
    expect(report.status).toBe('fail');
  });

  it('names the index a RunSQL reverse forgot', async () => {
    const report = await django('blog-forgets-index', 'postgres');
    const index = report.engines[0]!.migrations[1]!;
    const roundTrip = index.checks.find((c) => c.check === 'round-trip')!;
    expect(roundTrip.status).toBe('fail');
    expect(roundTrip.differences!.map((d) => `${d.change} ${d.kind} ${d.name}`)).toEqual([
      'added index blog_post_title_lower',
    ]);
  });
});
