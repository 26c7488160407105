/**
 * Bad flags and config values through the real CLI: exit 2 and one line that names the flag (or
 * config key) and what it accepts, before the first migration runs, with nothing left behind. A
 * version the server does not run is one warning, and the report keeps the server's real version.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.js';
import { errorLine, FIXTURES, runCli } from '../../helpers/cli.js';
import { embeddedProcesses, leftoverDatabases } from '../../helpers/leftovers.js';
import { PG_URL } from '../../helpers/servers.js';

const CLEAN = path.join(FIXTURES, 'knex-neutral', 'clean', 'migrations');
const url = ['--provider', 'url', '--url', PG_URL];
/** A progress line of a migration step, or of an engine starting its migrations. */
const STEP = /^\[[^\]]+\] (\d+\/\d+ |\d+ migration\(s\) on )/m;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-input-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  expect(await leftoverDatabases(PG_URL)).toEqual([]);
  expect(embeddedProcesses()).toEqual([]);
});

describe('input validation through the CLI', () => {
  it.each(['json', 'markdown'])('--%s pointing at a folder fails before any migration', async (flag) => {
    mkdirSync(path.join(dir, 'out'));
    const r = await runCli(['check', '--migrations', CLEAN, ...url, `--${flag}`, path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(
      new RegExp(`^schemagate: --${flag} .*out is a folder: pass a file path`),
    );
    expect(r.stderr).not.toMatch(STEP);
  });

  it('the same file for --json and --markdown', async () => {
    const file = path.join(dir, 'report');
    const r = await runCli(['check', '--migrations', CLEAN, ...url, '--json', file, '--markdown', file]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/^schemagate: --json and --markdown are the same file/);
    expect(r.stderr).not.toMatch(STEP);
  });

  it('--only-changed naming no migration names the value, before any migration', async () => {
    const r = await runCli([
      'check',
      '--migrations',
      CLEAN,
      ...url,
      '--only-changed',
      '002_create_users.js,003_add_user_stat.js',
    ]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      "schemagate: --only-changed 003_add_user_stat.js: matches no migration; give a migration's id, name or file (e.g. 001_create_teams)",
    );
    expect(r.stderr).not.toMatch(STEP);
  });

  it('--engine postgres:99 on a Postgres 15 server: one warning, the real version in the report', async () => {
    const json = path.join(dir, 'report.json');
    const r = await runCli([
      'check',
      '--migrations',
      CLEAN,
      ...url,
      '--engine',
      'postgres:99',
      '--json',
      json,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const version = report.engines[0]!.version;
    expect(version).toMatch(/^15\./);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toEqual([
      `warning: postgres:99 was asked for, but the server runs ${version}: checking on ${version} (point the URL at a postgres 99 server, or drop the version)`,
    ]);
  });

  it('"verbose": "yes" in the config file names the key', async () => {
    writeFileSync(path.join(dir, 'schemagate.config.json'), JSON.stringify({ verbose: 'yes' }));
    const r = await runCli(['check', '--cwd', dir, '--migrations', CLEAN, ...url]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      `schemagate: schemagate.config.json: 'verbose' is "yes": expected true or false (no quotes)`,
    );
  });

  it.each(['--lanes=', '--engine=', '--models-command='])(
    '%s: an empty value names the flag',
    async (arg) => {
      const r = await runCli(['check', '--migrations', CLEAN, ...url, arg]);
      expect(r.code).toBe(2);
      expect(errorLine(r.stderr)).toBe(
        `schemagate: ${arg.slice(0, -1)} is empty: give it a value, or leave the flag out`,
      );
    },
  );

  it('a --cwd that does not exist says so', async () => {
    const missing = path.join(dir, 'nope');
    const r = await runCli(['check', '--cwd', missing, ...url]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      `schemagate: --cwd ${missing}: no such folder (${missing}); pass the folder that holds the project`,
    );
  });

  it.each(['5000000', '-1', '0', 'abc'])('--timeout %s: one line with the accepted range', async (value) => {
    const r = await runCli(['check', '--migrations', CLEAN, ...url, '--timeout', value]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      `schemagate: --timeout is '${value}': expected a whole number of seconds from 1 to 86400 (24 h)`,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
