/**
 * `schemagate merge` as a user runs it (a separate process, no database): the exit code under
 * `--fail-on`, the files it writes, a report that fails validation named by its file, and the
 * Action's `mode: merge` inputs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionMode } from '../../src/config/action-inputs.js';
import type { Report } from '../../src/report/model.js';
import { Secrets } from '../../src/secrets.js';
import { runCli } from '../helpers/cli.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string) => path.join(here, '__fixtures__', `${name}.json`);

/** The fail fixture as a MariaDB leg of the same matrix. */
function mariadbLeg(dir: string): string {
  const report = JSON.parse(readFileSync(fixture('fail'), 'utf8')) as Report;
  report.configKey = 'api:mariadb';
  for (const e of report.engines) Object.assign(e, { engine: 'mariadb', version: '11.4.2' });
  const file = path.join(dir, 'schemagate-report-mariadb.json');
  writeFileSync(file, JSON.stringify(report));
  return file;
}

describe('schemagate merge', () => {
  it('merges two legs: exit 1 on their failures, 0 under --fail-on none; writes --json and --markdown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-merge-cli-'));
    const leg = mariadbLeg(dir);
    const json = path.join(dir, 'out', 'merged.json');
    const md = path.join(dir, 'out', 'merged.md');
    const r = await runCli(['merge', fixture('fail'), leg, '--json', json, '--markdown', md]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('mariadb 11.4.2');
    const merged = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(merged.engines.map((e) => e.engine)).toEqual(['mariadb', 'postgres']);
    expect(readFileSync(md, 'utf8')).toContain('<!-- schemagate:api:merged -->');
    const lenient = await runCli(['merge', fixture('fail'), leg, '--fail-on', 'none', '--quiet']);
    expect([lenient.code, lenient.stdout]).toEqual([0, '']);
  });

  it('refuses a report that is not one, naming the file and the field (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-merge-cli-'));
    const bad = path.join(dir, 'bad.json');
    const report = JSON.parse(readFileSync(fixture('pass'), 'utf8'));
    report.engines[0].status = '<img src=x>';
    writeFileSync(bad, JSON.stringify(report));
    const r = await runCli(['merge', fixture('fail'), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: report.engines[0].status: expected one of pass, fail`);
    const none = await runCli(['merge']);
    expect([none.code, none.stderr.trim()]).toEqual([
      2,
      'schemagate: no report to merge: run schemagate merge --help',
    ]);
  });
});

describe("the Action's mode: merge inputs", () => {
  const source = (inputs: Record<string, string>) => ({
    getInput: (name: string) => inputs[name] ?? '',
    setSecret: () => {},
  });

  it('reads report, comment and fail-on, and needs a report', () => {
    expect(
      readActionMode(
        source({ mode: 'merge', report: 'r', 'fail-on': 'migration', comment: 'false' }),
        new Secrets(),
      ),
    ).toEqual({
      mode: 'merge',
      token: '',
      report: 'r',
      comment: false,
      failOn: new Set(['migration']),
    });
    expect(() => readActionMode(source({ mode: 'merge' }), new Secrets())).toThrow(
      "Input 'report' is empty: mode 'merge'",
    );
    expect(() => readActionMode(source({ mode: 'merged' }), new Secrets())).toThrow(
      'expected check, comment or merge',
    );
  });
});
