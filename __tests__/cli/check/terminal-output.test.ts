/**
 * What a migration or a server says reaches the terminal without its control characters: an error
 * message with escape sequences, a BEL or a carriage return is printed with them as visible `\xNN`
 * escapes, on stdout (the report) and stderr (progress and errors) alike.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../../helpers/cli.js';
import { leftoverDatabases } from '../../helpers/leftovers.js';
import { PG_URL } from '../../helpers/servers.js';

const HOSTILE = path.join(FIXTURES, 'knex', 'control-chars', 'migrations');
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not be printed
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminal output', () => {
  afterEach(async () => {
    expect(await leftoverDatabases(PG_URL)).toEqual([]);
  });

  it('a migration error with ESC, BEL, CR and C1 controls is printed with them escaped', async () => {
    const r = await runCli([
      'check',
      '--migrations',
      HOSTILE,
      '--provider',
      'url',
      '--url',
      PG_URL,
      '--verbose',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stderr).not.toMatch(CONTROL);
    // The message is still there, readable, with each control shown.
    expect(r.stdout).toContain('boom \\x1b[2J\\x1b]0;pwned\\x07 half\\x0dwritten \\x9b31m c1');
  });
});
