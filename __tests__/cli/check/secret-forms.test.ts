/**
 * A password with characters that JSON and markdown escape (`$ [ ] & " \`), echoed by a failing
 * migration (Postgres quotes the bad value in its error), must not reach the console, the --json
 * file or the --markdown file in any form: raw, URL-encoded, JSON-escaped or markdown-escaped.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { validateReport } from '../../../src/report/validate.js';
import { runCli } from '../../helpers/cli.js';
import { leftoverDatabases } from '../../helpers/leftovers.js';
import { echoingMigration, HOSTILE_PASSWORD, passwordForms } from '../../helpers/secret-forms.js';
import { PG_URL } from '../../helpers/servers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sg-secret-forms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  expect(await leftoverDatabases(PG_URL)).toEqual([]);
});

describe('a password with $ [ ] & " \\ in it', () => {
  it('is absent, in every form, from the console, the JSON report and the markdown', async () => {
    const migrations = path.join(dir, 'migrations');
    mkdirSync(migrations, { recursive: true });
    writeFileSync(path.join(migrations, '20240101000000_echo.js'), echoingMigration(HOSTILE_PASSWORD));
    const url = new URL(PG_URL);
    url.password = encodeURIComponent(HOSTILE_PASSWORD);
    const json = path.join(dir, 'report.json');
    const markdown = path.join(dir, 'comment.md');
    const r = await runCli([
      'check',
      '--cwd',
      dir,
      '--tool',
      'knex',
      '--migrations',
      'migrations',
      '--provider',
      'url',
      '--url',
      url.toString(),
      '--json',
      json,
      '--markdown',
      markdown,
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const report = readFileSync(json, 'utf8');
    const comment = readFileSync(markdown, 'utf8');
    // The failure is there (the migration's error is reported), only the password is not.
    expect(report).toContain('invalid input syntax for type integer');
    expect(comment).toContain('invalid input syntax for type integer');
    // What check writes, comment --report reads back.
    expect(() => validateReport(JSON.parse(report))).not.toThrow();
    for (const [where, text] of Object.entries({ console: r.stdout + r.stderr, report, comment })) {
      for (const form of passwordForms(HOSTILE_PASSWORD))
        expect(text, `${where}: ${form}`).not.toContain(form);
    }
  });
});
