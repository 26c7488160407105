/**
 * report/merge.ts: a matrix's reports joined into one report and verdict. Legs of other engines or
 * versions become engine sections; shards of one engine join into the unsharded report; whatever
 * does not join is refused with the files named. (The shards of a real run on a real database are
 * in __tests__/cli/check/shard.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { historyDigest } from '../../src/report/history-digest.js';
import { type MergeInput, mergeReports } from '../../src/report/merge.js';
import type { EngineReport, Report } from '../../src/report/model.js';
import { render } from '../../src/report/renderers.js';
import { validateReport } from '../../src/report/validate.js';
import { DEFAULT_FAIL_ON } from '../../src/vocabulary/fail-on.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string): Report =>
  JSON.parse(readFileSync(path.join(here, '__fixtures__', `${name}.json`), 'utf8')) as Report;
const defaults = { failOn: new Set(DEFAULT_FAIL_ON) };
const hash = (c: string) => c.repeat(64);

/** The same report as another engine's leg (what a matrix leg on that engine writes). */
function onEngine(report: Report, engine: EngineReport['engine'], version: string): Report {
  return {
    ...report,
    configKey: `api:${engine}:${version}`,
    engines: report.engines.map((e) => ({ ...e, engine, version })),
  };
}

/** Shard `index` of `count` of a report's single engine, as `--shard` writes it. */
function shardOf(report: Report, index: number, count: number, seams: (string | null)[]): Report {
  const e = report.engines[0]!;
  const total = e.migrations.length;
  const from = Math.round((total * (index - 1)) / count);
  const to = Math.round((total * index) / count);
  return {
    ...report,
    engines: [
      {
        ...e,
        migrations: e.migrations.slice(from, to),
        drift: index === count ? e.drift : null,
        shard: {
          index,
          count,
          from,
          to,
          total,
          history: historyDigest(e.migrations.map((m) => m.id)),
          start: seams[index - 1]!,
          end: seams[index]!,
        },
      },
    ],
  };
}

const named = (...reports: Report[]): MergeInput[] =>
  reports.map((report, i) => ({ name: `leg-${i + 1}.json`, report }));

/** What a reader sees of each engine: its label, status, and every migration's status. */
function verdicts(report: Report) {
  return {
    status: report.status,
    engines: report.engines.map((e) => ({
      engine: `${e.engine} ${e.version}`,
      status: e.status,
      error: e.error ?? null,
      migrations: e.migrations.map((m) => [m.id, m.status]),
      drift: e.drift?.status ?? null,
    })),
  };
}

describe('mergeReports: legs of other engines and versions', () => {
  it('two legs with failures: one section each, one verdict, shared findings once', () => {
    const fail = fixture('fail');
    const { report, reasons } = mergeReports(named(fail, onEngine(fail, 'mysql', '8.4.3')), defaults);
    // By engine, then version: the order the artifacts came in does not matter.
    expect(report.engines.map((e) => `${e.engine} ${e.version}`)).toEqual(['mysql 8.4.3', 'postgres 17.6']);
    expect(report.status).toBe('fail');
    expect(reasons.map((r) => r.message)).toContain(
      'migrations/20240110080000_add_user_status.js: round-trip failed on mysql 8.4.3',
    );
    // The pull request's out-of-order finding is in both legs' reports: once here.
    expect(report.findings.map((f) => f.kind)).toEqual(['out-of-order']);
    expect(report.pullRequest?.number).toBe(42);
    expect(report.configKey).toBe('api:merged');
    // A normal report: what `schemagate comment --report` accepts.
    expect(validateReport(JSON.parse(JSON.stringify(report)))).toBeTruthy();
  });

  it('three legs, one with drift: drift fails the merged run as it failed its leg', () => {
    // One pull request's matrix: the drift fixture was written for another one.
    const drift = { ...fixture('drift'), pullRequest: fixture('pass').pullRequest };
    const legs = named(
      onEngine(fixture('pass'), 'postgres', '16.4'),
      drift,
      onEngine(fixture('pass'), 'mariadb', '11.4.2'),
    );
    const merged = mergeReports(legs, defaults);
    expect(verdicts(merged.report).engines.map((e) => [e.engine, e.status, e.drift])).toEqual([
      ['mariadb 11.4.2', 'pass', 'pass'],
      ['postgres 16.4', 'pass', 'pass'],
      ['postgres 17.6', 'fail', 'fail'],
    ]);
    expect(merged.report.status).toBe('fail');
    expect(merged.reasons.map((r) => r.kind)).toEqual(['drift']);
    // The verdict is the merge's fail-on, as the legs' was theirs.
    expect(mergeReports(legs, { failOn: new Set(['migration'] as const) }).report.status).toBe('pass');
  });

  it('four legs: two engines, each in two shards, give the two unsharded sections', () => {
    const fail = fixture('fail');
    const mysql = onEngine(fail, 'mysql', '8.4.3');
    // The fixture stops at its 4th migration (an up failed): shard 2 ends nowhere.
    const seams = [hash('0'), hash('1'), null];
    const legs = named(
      shardOf(mysql, 2, 2, seams),
      shardOf(fail, 1, 2, seams),
      shardOf(mysql, 1, 2, seams),
      shardOf(fail, 2, 2, seams),
    );
    const merged = mergeReports(legs, defaults);
    const whole = mergeReports(named(fail, mysql), defaults);
    expect(verdicts(merged.report)).toEqual(verdicts(whole.report));
    expect(merged.reasons).toEqual(whole.reasons);
    expect(merged.report.engines.every((e) => e.shard === undefined)).toBe(true);
  });
});

describe('mergeReports: what does not join is refused', () => {
  const fail = fixture('fail');
  const seams = [hash('0'), hash('1'), hash('2')];
  const refused = (inputs: MergeInput[]) => {
    try {
      mergeReports(inputs, defaults);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('merged');
  };

  it('the same engine and version from two legs that are not shards', () => {
    expect(refused(named(fail, fixture('pass')))).toBe(
      'postgres 17.6 is in more than one report (leg-1.json, leg-2.json), not as the N shards of one history: give each engine and version one matrix leg, or run its legs with --shard I/N',
    );
  });

  it('reports of two pull requests', () => {
    expect(refused(named(fail, onEngine(fixture('drift'), 'mysql', '8.4.3')))).toContain(
      'the reports are for different pull requests (#42, #57)',
    );
  });

  it('a missing shard, a shard twice, and shards of another history', () => {
    expect(refused(named(shardOf(fail, 1, 2, seams)))).toBe(
      'postgres 17.6: shard 2/2 is missing: pass the reports of all 2 shards of one run, each once',
    );
    expect(
      refused(named(shardOf(fail, 1, 2, seams), shardOf(fail, 1, 2, seams), shardOf(fail, 2, 2, seams))),
    ).toContain('shard 1/2 is in both leg-1.json and leg-2.json');
    const other = shardOf(fail, 2, 2, seams);
    other.engines[0]!.shard!.history = hash('b');
    expect(refused(named(shardOf(fail, 1, 2, seams), other))).toContain('(a different list of migrations)');
    expect(refused(named(shardOf(fail, 1, 2, seams), shardOf(fail, 2, 3, seams)))).toContain(
      'leg-2.json is shard 2/3',
    );
    expect(refused(named(shardOf(fail, 1, 2, seams), fail))).toContain('not as the N shards of one history');
    const edited = shardOf(fail, 2, 2, seams);
    const renamed = { ...edited.engines[0]!.migrations[0]!, id: 'renamed.js' };
    edited.engines[0]!.migrations = [renamed, ...edited.engines[0]!.migrations.slice(1)];
    expect(refused(named(shardOf(fail, 1, 2, seams), edited))).toContain(
      'their migrations, joined, are not the history they say they were split from',
    );
  });

  it('a shard that did not start where the one before it ended: the engine is not checked', () => {
    const { report, reasons } = mergeReports(
      named(shardOf(fail, 1, 2, seams), shardOf(fail, 2, 2, [hash('0'), hash('9'), null])),
      defaults,
    );
    expect(report.status).toBe('fail');
    expect(report.engines[0]!.error).toBe(
      'shard 2/2 started from a different schema than shard 1/2 ended with (from migration 4), so the shards do not add up to one run: check postgres 17.6 without --shard, or with fewer shards',
    );
    expect(reasons[0]!.kind).toBe('engine');
  });
});

describe('the merged report renders like any other', () => {
  it('one comment: its own marker, each migration once with a column per engine, what is alike once', async () => {
    const { report } = mergeReports(
      named(fixture('fail'), onEngine(fixture('fail'), 'mariadb', '11.4.2')),
      defaults,
    );
    const body = await render('markdown', report);
    expect(body.match(/<!-- schemagate:[^>]*-->/g)).toEqual(['<!-- schemagate:api:merged -->']);
    expect(body).toContain('mariadb 11.4.2<br>');
    expect(body).toContain('postgres 17.6<br>');
    // Each failing migration's section once, its checks side by side.
    expect(body.match(/#### ❌ <code>20240110080000_add_user_status.js<\/code>/g)).toHaveLength(1);
    expect(body).toContain('| Check | mariadb 11.4.2 | postgres 17.6 |');
    // The round trip's difference is the same on both engines: shown once.
    expect(body.match(/round trip \(down\): 1 difference/g)).toHaveLength(1);
    expect(body).toContain('*On every engine:*\n\n**❌ round trip (down): 1 difference**');
    expect(body).toContain('*On every engine:* ➖ Not run after the failure');
    // What differs is shown per engine.
    const other = onEngine(fixture('fail'), 'mariadb', '11.4.2');
    other.engines[0]!.migrations[1]!.checks[1]!.differences = [];
    const apart = await render('markdown', mergeReports(named(fixture('fail'), other), defaults).report);
    expect(apart).toContain('*On postgres 17.6:*\n\n**❌ round trip (down): 1 difference**');
    expect(apart).not.toContain('*On every engine:*\n\n**❌ round trip');
  });
});

describe('a large merged report still fits', () => {
  it('two engines of 600 migrations, every fifth failing: the comment stays under 65,536 characters', async () => {
    const big = fixture('fail');
    const e = big.engines[0]!;
    e.migrations = Array.from({ length: 600 }, (_, i) => {
      const m = e.migrations[i % 5 === 0 ? 1 : 0]!;
      const id = `${String(i).padStart(4, '0')}_m.js`;
      return { ...m, id, name: id, file: `migrations/${id}`, changed: true };
    });
    const { report } = mergeReports(named(big, onEngine(big, 'mariadb', '11.4.2')), defaults);
    const body = await render('markdown', report);
    expect(body.length).toBeLessThanOrEqual(65_536);
    // Every failure is named, once.
    expect(body.match(/<code>0595_m\.js<\/code>/g)).toHaveLength(1);
    expect(Buffer.byteLength(await render('summary', report))).toBeLessThanOrEqual(1024 * 1024);
  });
});
