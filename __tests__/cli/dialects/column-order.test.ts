/**
 * Column order through the real CLI on Postgres and MariaDB: a down that re-adds a dropped column at
 * the end leaves the same columns in another order (positional INSERT and COPY break). Alone that is
 * a warning (exit 0); with another difference the round trip fails as before, the move listed too.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, readReport, removeReports, reportPath, runCli } from '../../helpers/cli.js';
import { SKIP_REASON } from '../../helpers/docker.js';
import { expectNothingLeft } from '../../helpers/leftovers.js';
import { TARGETS, unavailable } from '../../helpers/targets.js';

const NEUTRAL = path.join(FIXTURES, 'knex-neutral');
const WHY = '(warning: column order: positional INSERT and COPY see another table)';

async function check(fixture: string, args: string[]) {
  const json = reportPath();
  const r = await runCli([
    'check',
    '--migrations',
    path.join(NEUTRAL, fixture, 'migrations'),
    ...args,
    '--json',
    json,
  ]);
  return { ...r, engine: readReport(json).engines[0]! };
}

const moved = (object: string, before: string, after: string) => ({
  change: 'changed',
  kind: 'column',
  object,
  parent: expect.any(Object),
  name: object.split('.').pop(),
  attribute: 'position',
  before,
  after,
  severity: 'warning',
});

for (const t of TARGETS) {
  describe.skipIf(unavailable(t))(`column order on ${t.name}${unavailable(t) ? SKIP_REASON : ''}`, () => {
    beforeEach(() => expectNothingLeft());
    afterAll(removeReports);
    afterEach(() => expectNothingLeft());

    it('warns, and passes the run, when a down re-adds a column at the end', async () => {
      const r = await check('column-order', t.args);
      expect(r.code, r.stderr).toBe(0);
      const [, dropName, addNickname] = r.engine.migrations;
      expect(r.engine.migrations.map((m) => m.status)).toEqual(['pass', 'warn', 'warn']);
      const users = t.table('users');

      const roundTrip = dropName!.checks.find((c) => c.check === 'round-trip')!;
      expect(roundTrip).toEqual({
        check: 'round-trip',
        status: 'warn',
        message: `down restores the columns but not their order: column ${users}.name is at position 4 after down but was at position 2 before up`,
        differences: [moved(`column ${users}.name`, '2', '4')],
        // No DDL writer moves a column: the fix says so instead of claiming a proof.
        fix: {
          placement: 'append',
          sql: [],
          proven: false,
          reason: `the DDL writer has no statement for this: column ${users}.name is at position 4 after the down but was at position 2 before up`,
        },
      });
      expect(dropName!.checks.find((c) => c.check === 're-apply')!.status).toBe('pass');
      expect(r.stdout).toContain(`! round-trip: ${roundTrip.message}`);
      expect(r.stdout).toContain(`! column ${users}.name: position: 2 -> 4 ${WHY}`);

      // The round trip moved email behind age, so the second up gives another order than the first.
      expect(addNickname!.checks.map((c) => [c.check, c.status])).toEqual([
        ['up', 'pass'],
        ['round-trip', 'warn'],
        ['re-apply', 'warn'],
      ]);
      const reapply = addNickname!.checks.find((c) => c.check === 're-apply')!;
      expect(reapply.message).toBe(
        `the second up gives the same columns in another order: column ${users}.email is at position 3 after the second up but was at position 2 after the first up`,
      );
      expect(reapply.differences).toEqual([moved(`column ${users}.email`, '2', '3')]);
      expect(r.stdout).toMatch(/^PASS: 1 passed, 0 failed, 2 with warnings /m);
    });

    it('fails when the down also forgets something, and lists the move with it', async () => {
      const r = await check('column-order-forgets-unique', t.args);
      expect(r.code, r.stderr).toBe(1);
      const dropEmail = r.engine.migrations[1]!;
      expect(dropEmail.status).toBe('fail');
      const roundTrip = dropEmail.checks.find((c) => c.check === 'round-trip')!;
      expect(roundTrip.status).toBe('fail');
      const users = t.table('users');
      expect(roundTrip.differences).toContainEqual(moved(`column ${users}.email`, '3', '4'));
      expect(roundTrip.message).toMatch(/^down does not restore the schema before up: /);
      // The failure leads; the move follows it.
      expect(roundTrip.differences!.at(-1)).toEqual(moved(`column ${users}.email`, '3', '4'));
      const failing = roundTrip.differences!.filter((d) => d.severity !== 'warning');
      expect(failing.length).toBeGreaterThan(0);
      expect(failing.every((d) => d.object.includes('users_email_unique'))).toBe(true);
      expect(r.stdout).toContain(`! column ${users}.email: position: 3 -> 4 ${WHY}`);
      expect(r.stdout).toMatch(/^ {6}- .*users_email_unique/m);
    });
  });
}
