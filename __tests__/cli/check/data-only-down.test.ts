/**
 * "down runs no SQL" is judged by its effect: a data-only up (a backfill, a SELECT that decides
 * nothing) leaves the schema as it was, so an empty down restores it and the round trip passes with
 * a note; an up that changes the schema with an empty down still fails as irreversible. Through the
 * real CLI on the local Postgres, with knex and with golang-migrate SQL files.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PASS, check, checkLines, fixture, postgres } from '../migrators/harness.js';

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOTE = 'up changed data only (the schema is unchanged), so a down that runs no SQL restores it';

describe('an empty down after an up that changed data only', () => {
  it('knex: passes the backfill and the SELECT with a note, fails the column with an empty down', async () => {
    const r = await check(fixture('knex', 'data-only-down'), [
      '--migrations',
      'migrations',
      ...postgres.args,
    ]);
    expect(r.code, r.stderr).toBe(1);
    const [, backfill, select, age] = r.engine!.migrations;
    expect(checkLines(r.engine!)).toEqual([
      `001_create_users.js: ${ALL_PASS}`,
      `002_backfill_status.js: ${ALL_PASS}`,
      `003_count_users.js: ${ALL_PASS}`,
      '004_add_age.js: up pass, irreversible fail, round-trip fail, re-apply fail',
    ]);
    for (const m of [backfill!, select!]) {
      expect(m.sql.up.length, m.name).toBe(1);
      expect(m.sql.down).toEqual([]);
      expect(m.checks.find((c) => c.check === 'round-trip')).toEqual({
        check: 'round-trip',
        status: 'pass',
        message: NOTE,
      });
      expect(r.stdout).toMatch(
        new RegExp(`${m.name} +up ✓  round-trip ✓  re-apply ✓\n {6}note: round-trip: ${literal(NOTE)}`),
      );
    }
    expect(backfill!.sql.up[0]).toMatch(/^update "users" set "status" = 'active'/);
    expect(select!.sql.up[0]).toMatch(/^select count\("id"\)/);
    expect(age!.checks.find((c) => c.check === 'irreversible')!.message).toMatch(/^down runs no SQL/);
    // The comment's checks table carries the note in the migration's section.
    expect(r.markdown).toContain(NOTE);
  });

  it('golang-migrate: passes the UPDATE with an empty down file, fails the ALTER with one', async () => {
    const r = await check(fixture('sql', 'golang-pg-data-only'), postgres.args);
    expect(r.code, r.stderr).toBe(1);
    expect(checkLines(r.engine!)).toEqual([
      `001_users: ${ALL_PASS}`,
      `002_backfill_status: ${ALL_PASS}`,
      '003_add_age: up pass, irreversible fail, round-trip fail, re-apply fail',
    ]);
    const [, backfill, age] = r.engine!.migrations;
    expect(backfill!.sql).toEqual({
      up: ["UPDATE users SET status = 'active' WHERE status IS NULL"],
      down: [],
    });
    expect(backfill!.checks.find((c) => c.check === 'round-trip')!.message).toBe(NOTE);
    expect(r.stdout).toContain(`note: round-trip: ${NOTE}`);
    const irreversible = age!.checks.find((c) => c.check === 'irreversible')!;
    expect(irreversible.message).toBe(
      'down runs no SQL: it cannot roll back what up did (write the matching .down.sql file, or declare it irreversible with a `-- schemagate:irreversible <reason>` line in the .up.sql file)',
    );
    expect(age!.checks.find((c) => c.check === 'round-trip')!.differences).toEqual([
      expect.objectContaining({ change: 'added', object: 'column public.users.age' }),
    ]);
  });
});
