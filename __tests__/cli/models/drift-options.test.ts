/**
 * Drift through the real CLI, the options around it: models that agree with the migrations, given
 * each of the three ways (`--models schema.sql`, `--models models.js`, `--models-command`), pass
 * quietly on Postgres, MariaDB and the embedded Postgres; `--drift warn` reports drift without failing;
 * `--ignore` silences exactly the objects it names.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedDataDirs, embeddedProcesses } from '../../helpers/leftovers.js';
import { check, DRIFT_CLI, ENGINES, leftoversAfterRun, postgres } from './harness.js';

const AGREE = path.join(DRIFT_CLI, 'models-agree');

describe.each(ENGINES)('drift options through the CLI ($name)', (engine) => {
  afterEach(async () => {
    expect(await leftoversAfterRun(engine)).toEqual([]);
  });

  const sources = [
    { source: `schema.${engine.name}.sql`, args: ['--models', `schema.${engine.name}.sql`] },
    { source: 'models.js', args: ['--models', 'models.js'] },
    { source: 'command: node build-models.js', args: ['--models-command', 'node build-models.js'] },
  ];

  it.each(sources)('models that agree ($source): exit 0 and no drift noise', async ({ source, args }) => {
    const r = await check(AGREE, ['--migrations', 'migrations', ...args, ...engine.args]);
    expect(r.stderr).not.toMatch(/^(schemagate|warning): /m);
    expect(r.code).toBe(0);
    // The models were built and compared (a drift report exists), and nothing differs, although
    // names, spellings (now() and CURRENT_TIMESTAMP, bool and boolean) and column order do.
    expect(r.engine!.drift).toEqual({ status: 'pass', source, differences: [], sql: [] });
    expect(r.engine!.migrations.map((m) => m.status)).toEqual(['pass', 'pass', 'pass']);
    expect(r.stdout).not.toMatch(/drift/i);
    expect(r.stdout).toMatch(/^PASS: 3 passed, 0 failed \(/m);
  });

  it('--drift warn: drift is reported, the run passes', async () => {
    const r = await check(path.join(DRIFT_CLI, 'extra-column'), [
      '--migrations',
      'migrations',
      '--models',
      'models.js',
      '--drift',
      'warn',
      ...engine.args,
    ]);
    expect(r.code).toBe(0);
    expect(r.report!.status).toBe('pass');
    const drift = r.engine!.drift!;
    expect(drift.status).toBe('warn');
    expect(drift.differences).toEqual([
      expect.objectContaining({ change: 'added', kind: 'column', name: 'nickname' }),
    ]);
    expect(r.stdout).toContain('1 difference, warning only (--drift warn)');
    expect(r.stdout).toMatch(/users\.nickname: migrations give no such column, models say/);
    expect(r.stdout).toMatch(/ADD COLUMN .?nickname.? /);
    expect(r.stdout).toMatch(/^PASS: .*drift on 1 engine\(s\)/m);
  });

  it('--ignore silences the object it names and nothing else', async () => {
    // type-length differs in two columns; ignoring users.score leaves users.email.
    const r = await check(path.join(DRIFT_CLI, 'type-length'), [
      '--migrations',
      'migrations',
      '--models',
      'models.js',
      '--ignore',
      'column:users.score',
      ...engine.args,
    ]);
    expect(r.code).toBe(1);
    const drift = r.engine!.drift!;
    expect(drift.differences).toEqual([
      expect.objectContaining({ kind: 'column', name: 'email', attribute: 'type' }),
    ]);
    expect(drift.sql.map((s) => s.sql).join('\n')).not.toContain('score');
    expect(r.stdout).toMatch(/users\.email: type: migrations give/);
    expect(r.stdout).not.toContain('score');

    // Ignoring both leaves nothing: the run passes and says nothing about drift.
    const both = await check(path.join(DRIFT_CLI, 'type-length'), [
      '--migrations',
      'migrations',
      '--models',
      'models.js',
      '--ignore',
      'column:users.score',
      '--ignore',
      'column:*.*.email',
      ...engine.args,
    ]);
    expect(both.code).toBe(0);
    expect(both.engine!.drift).toMatchObject({ status: 'pass', differences: [], sql: [] });
    expect(both.stdout).not.toMatch(/drift/i);
  });
});

describe('drift on the embedded Postgres', () => {
  afterEach(async () => {
    expect(embeddedProcesses()).toEqual([]);
    expect(embeddedDataDirs()).toEqual([]);
  });

  it('models that agree pass; models that differ fail with the difference', async () => {
    const embedded = ['--migrations', 'migrations', '--models', 'models.js', '--provider', 'embedded'];
    const agree = await check(AGREE, embedded);
    expect(agree.code).toBe(0);
    expect(agree.engine!.provider).toBe('embedded');
    expect(agree.engine!.drift).toMatchObject({ status: 'pass', differences: [] });
    expect(agree.stdout).not.toMatch(/drift/i);

    const differ = await check(path.join(DRIFT_CLI, 'fk-action'), embedded);
    expect(differ.code).toBe(1);
    expect(differ.engine!.drift!.differences).toEqual([
      expect.objectContaining({
        object: 'constraint users_team_id_foreign on public.users',
        attribute: 'on delete',
        before: 'no action',
        after: 'cascade',
      }),
    ]);
    expect(differ.stdout).toContain(
      'constraint users_team_id_foreign on public.users: on delete: migrations give no action, models say cascade',
    );
    // The local server saw none of it.
    expect(await leftoversAfterRun(postgres)).toEqual([]);
  });
});
