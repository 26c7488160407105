/**
 * An Alembic project's own autogenerate filters (env.py's include_name / include_object) through the
 * real CLI: drift leaves out what they exclude, as `alembic check` does, and says so once. One
 * fixture, one env.py: SG_TEST_FILTER picks the filter (see fixtures/alembic/filtered/migrations/env.py).
 * Its migrations create a table (tracking_raw) and a column (users.legacy_note) the models lack.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PASS, check, checkLines, ENGINES, fixture, PYTHON } from './harness.js';

const filtered = (filter: string, args: string[]) =>
  check(fixture('alembic', 'filtered'), ['--python', PYTHON, ...args], { SG_TEST_FILTER: filter });

describe.each(ENGINES)('Alembic env.py filters through the CLI on $name', (engine) => {
  const table = (name: string) => (engine.name === 'postgres' ? `public.${name}` : name);
  const leftOut = (by: string) =>
    `migrations/env.py's ${by} leaves out 1 table (${table('tracking_raw')}) and 1 column (${table('users')}.legacy_note): drift does not compare them, as alembic check does not`;

  it('fails drift on the table and column the models lack when env.py declares no filter', async () => {
    const r = await filtered('none', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([`a1: ${ALL_PASS}`]);
    const drift = r.engine!.drift!;
    expect(drift.status).toBe('fail');
    expect(drift.differences.map((d) => `${d.change} ${d.object}`).sort()).toEqual([
      `removed column ${table('users')}.legacy_note`,
      `removed table ${table('tracking_raw')}`,
    ]);
    expect(r.engine!.findings).toEqual([]);
  });

  for (const by of ['include_name', 'include_object']) {
    it(`passes drift when env.py's ${by} leaves them out, and says which it left out`, async () => {
      const r = await filtered(by, engine.args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.engine!.drift).toMatchObject({ status: 'pass', differences: [], sql: [] });
      expect(r.engine!.findings).toEqual([
        { kind: 'drift-filtered', severity: 'warning', message: leftOut(by) },
      ]);
      expect(r.report!.findings).toEqual([]);
      expect(r.stdout).toContain(leftOut(by));
      expect(r.markdown).toContain('leaves out 1 table');
      expect(r.markdown).toContain('tracking_raw');
    });
  }

  it('completes a run whose include_name raises: everything is compared, and a warning names env.py', async () => {
    const r = await filtered('raises', engine.args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/Traceback/);
    expect(checkLines(r.engine!)).toEqual([`a1: ${ALL_PASS}`]);
    expect(r.engine!.drift!.differences.map((d) => `${d.change} ${d.object}`).sort()).toEqual([
      `removed column ${table('users')}.legacy_note`,
      `removed table ${table('tracking_raw')}`,
    ]);
    const [warning, ...others] = r.engine!.findings;
    expect(others).toEqual([]);
    expect(warning).toMatchObject({ kind: 'drift-filter-error', severity: 'warning' });
    expect(warning!.message).toMatch(
      /^migrations\/env\.py: include_name raised ValueError: plugin registry is not loaded \(migrations\/env\.py:\d+\), in \d+ call\(s\): drift compared those objects as if it had returned True$/,
    );
    expect(r.stdout).toContain('include_name raised ValueError: plugin registry is not loaded');
  });
});
