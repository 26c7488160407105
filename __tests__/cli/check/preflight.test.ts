/**
 * What will stop or change a run is found before the first migration runs: models that cannot load
 * fail at once (no migration step in the output), and a project without models (Alembic's
 * `target_metadata = None`, `--drift off`) skips drift with a note while the checks' verdict stands.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, PYTHON, check as toolCheck } from '../migrators/harness.js';
import { DRIFT_CLI, check as driftCheck, leftoversAfterRun, postgres } from '../models/harness.js';

/** A progress line of a migration step (`[postgres 15.4] 1/3 001_users: up`) or an engine's start. */
const STEP = /^\[[^\]]+\] (\d+\/\d+ |\d+ migration\(s\) on )/m;

describe('preflight on postgres', () => {
  afterEach(async () => {
    expect(await leftoversAfterRun(postgres)).toEqual([]);
  });

  it('Alembic with target_metadata = None: drift is skipped with a note, the checks pass, exit 0', async () => {
    const r = await toolCheck(fixture('alembic', 'no-metadata'), ['--python', PYTHON, ...postgres.args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.status).toBe('pass');
    expect(r.engine!.migrations.map((m) => m.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(r.engine!.drift ?? null).toBeNull();
    expect(r.report!.findings).toEqual([
      expect.objectContaining({
        kind: 'drift-skipped',
        severity: 'warning',
        message: expect.stringMatching(/^drift was not checked: env\.py sets no target_metadata/),
      }),
    ]);
    expect(r.stdout).toMatch(/! drift was not checked: env\.py sets no target_metadata/);
    expect(r.markdown).toMatch(/drift was not checked: env\.py sets no target_metadata/);
  });

  it('--drift off: models that disagree are not built, the note says so, exit 0', async () => {
    const r = await driftCheck(path.join(DRIFT_CLI, 'extra-column'), [
      '--migrations',
      'migrations',
      '--models',
      'models.js',
      '--drift',
      'off',
      ...postgres.args,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.engine!.drift ?? null).toBeNull();
    expect(r.report!.findings).toEqual([
      { kind: 'drift-skipped', severity: 'warning', message: 'drift was not checked: --drift off' },
    ]);
    expect(r.stderr).not.toMatch(/building the models/);
  });

  it('a models module that does not load stops the run before any migration runs', async () => {
    const r = await driftCheck(path.join(DRIFT_CLI, 'bad-models'), [
      '--migrations',
      'migrations',
      '--models',
      'syntax-error.ts',
      ...postgres.args,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^schemagate: --models syntax-error\.ts:5:25: cannot load the module/m);
    expect(r.stderr).not.toMatch(STEP);
  });

  it('a models file that cannot be read stops the run before any migration runs', async () => {
    const r = await driftCheck(path.join(DRIFT_CLI, 'bad-models'), [
      '--migrations',
      'migrations',
      '--models',
      'missing.sql',
      ...postgres.args,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^schemagate: --models missing\.sql: cannot read the file/m);
    expect(r.stderr).not.toMatch(STEP);
  });

  it('Alembic models that cannot load (--models spec) stop the run before any migration runs', async () => {
    const r = await toolCheck(fixture('alembic', 'clean'), [
      '--python',
      PYTHON,
      '--models',
      'app.nowhere:Base.metadata',
      ...postgres.args,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^schemagate: --models app\.nowhere:Base\.metadata could not be loaded/m);
    expect(r.stderr).not.toMatch(STEP);
  });
});
