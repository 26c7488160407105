/**
 * Several engines, or several versions of one, in one run of the CLI with the docker provider: each gets a
 * section of its own in the JSON report (engines[], in the order given) and on the console, with its own
 * results and its own server's error text. (How long that takes is measured in bench/engines.ts, not here.)
 */
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineReport } from '../../../src/report/model.js';
import { FIXTURES, readReport, removeReports, reportPath, runCli } from '../../helpers/cli.js';
import { DOCKER, SKIP_REASON, TEST_IMAGES } from '../../helpers/docker.js';
import { expectNothingLeft } from '../../helpers/leftovers.js';

const NEUTRAL = path.join(FIXTURES, 'knex-neutral');

/** The console section header of an engine, as the report names it. */
const header = (e: EngineReport) => `${e.engine} ${e.version} (docker): ${e.status.toUpperCase()}`;

/** The versions to ask for: the tags' majors when they differ, otherwise two made-up ones. */
function majors(first: string, second: string): [string, string] {
  const major = (image: string) => /:(\d+)[^/]*$/.exec(image)?.[1];
  const [a, b] = [major(first), major(second)];
  return a && b && a !== b ? [a, b] : ['1001', '1002'];
}

describe.skipIf(!DOCKER)(`several engines in one run${SKIP_REASON}`, () => {
  beforeEach(() => expectNothingLeft());
  afterAll(removeReports);
  afterEach(() => expectNothingLeft());

  it('Postgres and MariaDB: one section each, each with its own server error', async () => {
    const json = reportPath();
    const r = await runCli([
      'check',
      '--migrations',
      path.join(NEUTRAL, 'forgot-index', 'migrations'),
      '--provider',
      'docker',
      '--engine',
      'postgres',
      '--engine',
      'mariadb',
      '--image',
      `postgres=${TEST_IMAGES.postgres}`,
      '--image',
      `mariadb=${TEST_IMAGES.mariadb}`,
      '--json',
      json,
    ]);
    expect(r.code).toBe(1);
    const report = readReport(json);
    expect(report.engines.map((e) => e.engine)).toEqual(['postgres', 'mariadb']);
    const [postgres, mariadb] = report.engines as [EngineReport, EngineReport];
    expect(mariadb.version).toMatch(/-MariaDB/);
    for (const engine of report.engines) {
      expect(engine.provider).toBe('docker');
      expect(engine.migrations.map((m) => m.status)).toEqual(['pass', 'fail', 'pass']);
    }
    const reapply = (e: EngineReport) => e.migrations[1]!.checks.find((c) => c.check === 're-apply')!.error;
    expect(reapply(postgres)).toMatchObject({
      message: 'relation "users_name_lookup_idx" already exists',
      code: '42P07',
    });
    expect(reapply(mariadb)).toMatchObject({
      message: "Duplicate key name 'users_name_lookup_idx'",
      code: 'ER_DUP_KEYNAME',
    });

    // The console: one section per engine, in order, each holding its own engine's error and no other's.
    const pgAt = r.stdout.indexOf(header(postgres));
    const mariaAt = r.stdout.indexOf(header(mariadb));
    expect(pgAt).toBeGreaterThanOrEqual(0);
    expect(mariaAt).toBeGreaterThan(pgAt);
    const pgSection = r.stdout.slice(pgAt, mariaAt);
    const mariaSection = r.stdout.slice(mariaAt);
    expect(pgSection).toContain('relation "users_name_lookup_idx" already exists');
    expect(pgSection).not.toContain('Duplicate key name');
    expect(mariaSection).toContain("Duplicate key name 'users_name_lookup_idx'");
    expect(mariaSection).not.toContain('relation "users_name_lookup_idx"');
    expect(r.stdout).toContain(
      `FAIL: 4 passed, 2 failed (postgres ${postgres.version}, mariadb ${mariadb.version};`,
    );
  });

  it('two Postgres majors: one section each, each naming its own server version', async () => {
    const json = reportPath();
    // The majors from the images' tags (postgres:16-alpine, schemagate-local/postgres:15), and one image for
    // each with --image ENGINE:VERSION=IMAGE.
    const [a, b] = majors(TEST_IMAGES.postgres, TEST_IMAGES.postgresAlt);
    const r = await runCli([
      'check',
      '--migrations',
      path.join(NEUTRAL, 'clean', 'migrations'),
      '--provider',
      'docker',
      '--engine',
      `postgres:${a}`,
      '--engine',
      `postgres:${b}`,
      '--image',
      `postgres:${a}=${TEST_IMAGES.postgres}`,
      '--image',
      `postgres:${b}=${TEST_IMAGES.postgresAlt}`,
      '--json',
      json,
    ]);
    expect(r.code).toBe(0);
    const report = readReport(json);
    expect(report.engines.map((e) => [e.engine, e.status])).toEqual([
      ['postgres', 'pass'],
      ['postgres', 'pass'],
    ]);
    const [one, two] = report.engines as [EngineReport, EngineReport];
    const major = (e: EngineReport) => e.version.split('.')[0];
    expect(major(one)).not.toBe(major(two));
    for (const engine of report.engines) {
      expect(engine.migrations.map((m) => m.status)).toEqual(['pass', 'pass', 'pass']);
      expect(r.stdout).toContain(header(engine));
    }
    expect(r.stdout.indexOf(header(two))).toBeGreaterThan(r.stdout.indexOf(header(one)));
    expect(r.stdout).toContain(`PASS: 6 passed, 0 failed (postgres ${one.version}, postgres ${two.version};`);
  });
});
