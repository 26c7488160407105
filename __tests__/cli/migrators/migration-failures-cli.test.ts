/**
 * What a failing migration tells the reviewer, through the real CLI on the local servers:
 * - the server's DETAIL and HINT (Wiki.js: "cannot drop table locales because other objects depend
 *   on it" must say which objects), in the message and as fields of the report's check error, in
 *   the console and in the comment; MySQL's SQLSTATE and errno;
 * - what the migration printed (Joplin's migrations console.log whole error objects): captured into
 *   its report entry, shown attributed (`[name up] ...`) in the console for a failed migration and
 *   live with --verbose, collapsed in the comment, never loose among schemagate's progress lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, MigrationReport } from '../../../src/report/model.js';
import { type CheckRun, check, fixture, mariadb, PYTHON, postgres } from './harness.js';

const PG_DETAIL = /^constraint pages_locale_(fk|foreign) on table pages depends on table locales$/;
const PG_HINT = 'Use DROP ... CASCADE to drop the dependent objects too.';

function upCheck(m: MigrationReport | undefined): CheckResult {
  const up = m?.checks.find((c) => c.check === 'up');
  expect(up, 'the up check').toBeDefined();
  return up!;
}

/** The failing up of the drop migration: message, detail, hint, in the report, console and comment. */
function expectDetailAndHint(r: CheckRun, name: string) {
  expect(r.code).toBe(1);
  const m = r.engine!.migrations.find((x) => x.name === name);
  const up = upCheck(m);
  expect(up.status).toBe('fail');
  expect(up.error?.detail).toMatch(PG_DETAIL);
  expect(up.error?.hint).toBe(PG_HINT);
  const lines = up.error!.message.split('\n');
  expect(lines[0]).toContain('cannot drop table locales because other objects depend on it');
  expect(lines.slice(1)).toEqual([`DETAIL: ${up.error!.detail}`, `HINT: ${PG_HINT}`]);
  // The console names the dependent object and the way out, each on its own line.
  expect(r.stdout).toMatch(
    /^\s+DETAIL: constraint pages_locale_(fk|foreign) on table pages depends on table locales$/m,
  );
  expect(r.stdout).toMatch(/^\s+HINT: Use DROP \.\.\. CASCADE to drop the dependent objects too\.$/m);
  // So does the comment, in the checks table's cell.
  expect(r.markdown).toMatch(/depends on table locales/);
  expect(r.markdown).toContain('Use DROP ... CASCADE to drop the dependent objects too.');
}

describe('knex on Postgres: a migration that prints and one that fails on a dependency', () => {
  let r: CheckRun;
  let verbose: CheckRun;
  beforeAll(async () => {
    r = await check(fixture('knex', 'chatty-drop'), ['--tool', 'knex', ...postgres.args]);
    verbose = await check(fixture('knex', 'chatty-drop'), ['--tool', 'knex', '--verbose', ...postgres.args]);
  }, 120_000);

  it('keeps the DETAIL and HINT', () => expectDetailAndHint(r, '002_drop_locales'));

  it('captures what each step printed into the report, attributed and multi-line', () => {
    const [create, drop] = r.engine!.migrations;
    expect(create!.status).toBe('pass');
    const up = create!.output?.filter((o) => o.step === 'up').flatMap((o) => o.lines) ?? [];
    // console.log of a multi-line object: every line of it, in order, then console.error.
    expect(up.join('\n')).toContain("step: 'create locales'");
    expect(up.join('\n')).toContain('options: { fk: true }');
    expect(up).toContain('locales: warning from the migration itself');
    const down = create!.output?.filter((o) => o.step === 'down').flatMap((o) => o.lines);
    expect(down).toEqual(['dropping pages and locales']);
    const failed = drop!.output?.find((o) => o.step === 'up');
    expect(failed?.lines.join('\n')).toContain("dropping: 'locales'");
  });

  it('never prints it loose: in the console only for the failed migration, each line attributed', () => {
    for (const run of [r, verbose]) {
      for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
        if (/dropping: 'locales'|step: 'create locales'|warning from the migration itself/.test(line)) {
          expect(line).toMatch(/\[(001_create_locales|002_drop_locales) (up|down|up again)\] /);
        }
      }
    }
    expect(r.stdout).toContain("[002_drop_locales up]   dropping: 'locales',");
    // The passing migration's output is not in the normal console output...
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('warning from the migration itself');
    // ...but --verbose shows it, attributed, as it happens.
    expect(verbose.stderr).toContain('[001_create_locales up] locales: warning from the migration itself');
    expect(verbose.stderr).toContain('[001_create_locales down] dropping pages and locales');
  });

  it('puts the failed migration output in the comment, collapsed', () => {
    expect(r.markdown).toMatch(/<details><summary>Output of up · \d+ lines?<\/summary>/);
    expect(r.markdown).toContain("dropping: 'locales'");
    expect(r.markdown).not.toContain('warning from the migration itself');
  });
});

describe('SQL files: the server error with its detail', () => {
  it('Postgres: DETAIL and HINT of a failed statement', async () => {
    const r = await check(fixture('sql', 'dbmate-pg-drop-depended'), ['--tool', 'sql', ...postgres.args]);
    expectDetailAndHint(r, '20240302100000_drop_locales');
    const up = upCheck(r.engine!.migrations[1]);
    // The file and line stay on the first line of the message.
    expect(up.error!.message.split('\n')[0]).toMatch(
      /\(db\/migrations\/20240302100000_drop_locales\.sql:2\)$/,
    );
  });

  it('MariaDB: no DETAIL, but the SQLSTATE and errno are kept', async () => {
    const r = await check(fixture('sql', 'dbmate-mysql-drop-depended'), ['--tool', 'sql', ...mariadb.args]);
    expect(r.code).toBe(1);
    const up = upCheck(r.engine!.migrations[1]);
    expect(up.status).toBe('fail');
    expect(up.error?.errno).toBeTypeOf('number');
    expect(up.error?.sqlState).toMatch(/^[0-9A-Z]{5}$/);
    expect(up.error?.detail ?? null).toBeNull();
    expect(r.stdout).toContain(`errno ${up.error!.errno}, SQLSTATE ${up.error!.sqlState}`);
  });
});

describe('Alembic on Postgres: a revision that prints and one that fails on a dependency', () => {
  let r: CheckRun;
  beforeAll(async () => {
    r = await check(fixture('alembic', 'chatty-drop'), ['--python', PYTHON, ...postgres.args]);
  }, 120_000);

  it('keeps the DETAIL and HINT (psycopg2 diag)', () => expectDetailAndHint(r, 'b2_drop_locales'));

  it('captures print() of each step into the report', () => {
    const [create, drop] = r.engine!.migrations;
    expect(create!.status).toBe('pass');
    const up = create!.output?.filter((o) => o.step === 'up').flatMap((o) => o.lines) ?? [];
    expect(up).toEqual(['creating locales', "{'tables': ['locales', 'pages']}"]);
    expect(create!.output?.find((o) => o.step === 'down')?.lines).toEqual(['dropping pages and locales']);
    expect(drop!.output?.find((o) => o.step === 'up')?.lines).toEqual(['dropping locales', 'second line']);
  });

  it('shows the failed revision output attributed, and nothing loose', () => {
    expect(r.stdout).toMatch(/^\s+\[b2_drop_locales up\] dropping locales$/m);
    expect(r.stdout).toMatch(/^\s+\[b2_drop_locales up\] second line$/m);
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('creating locales');
    expect(r.markdown).toMatch(/<details><summary>Output of up · 2 lines<\/summary>/);
  });
});
