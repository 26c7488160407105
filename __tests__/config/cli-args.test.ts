/**
 * `schemagate check` flags and the config file: every bad value is refused with one line that names
 * the flag or the config key and says what is accepted, before anything starts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCheckArgs } from '../../src/config/cli-args.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-cli-args-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const parse = (argv: string[]) => parseCheckArgs(argv, dir, {});
const config = (settings: unknown) =>
  writeFileSync(path.join(dir, 'schemagate.config.json'), JSON.stringify(settings));

describe('parseCheckArgs', () => {
  it.each([
    ['--lanes='],
    ['--engine='],
    ['--url='],
    ['--tool= '],
    ['--json='],
    ['--migrations='],
    ['--only-changed='],
  ])('%s: an empty value names the flag', async (arg) => {
    const flag = arg.replace(/=.*$/, '');
    await expect(parse([arg])).rejects.toThrow(`${flag} is empty: give it a value, or leave the flag out`);
  });

  it('a --cwd that does not exist says so', async () => {
    await expect(parse(['--cwd', 'nope'])).rejects.toThrow(/^--cwd nope: no such folder/);
    writeFileSync(path.join(dir, 'a-file'), '');
    await expect(parse(['--cwd', 'a-file'])).rejects.toThrow(/^--cwd a-file: no such folder/);
  });

  it.each([['5000000'], ['-1'], ['0'], ['abc'], ['1.5'], ['86401']])(
    '--timeout %s: the accepted range',
    async (value) => {
      await expect(parse(['--timeout', value])).rejects.toThrow(
        `--timeout is '${value}': expected a whole number of seconds from 1 to 86400 (24 h)`,
      );
    },
  );

  it('--timeout 86400 is the maximum', async () => {
    expect((await parse(['--timeout', '86400'])).options.timeoutMs).toBe(86_400_000);
  });

  it('--json or --markdown pointing at a folder, or at the same file, is refused at once', async () => {
    mkdirSync(path.join(dir, 'out'));
    await expect(parse(['--json', 'out'])).rejects.toThrow(/^--json out is a folder: pass a file path/);
    await expect(parse(['--markdown', 'out'])).rejects.toThrow(/^--markdown out is a folder/);
    await expect(parse(['--json', 'r.txt', '--markdown', 'r.txt'])).rejects.toThrow(
      '--json and --markdown are the same file (r.txt): give each its own path',
    );
    writeFileSync(path.join(dir, 'file'), '');
    await expect(parse(['--json', 'file/report.json'])).rejects.toThrow(
      /^--json file\/report\.json: .*file is a file, so the folder cannot be created/,
    );
    // A folder that does not exist yet is created at the end: accepted.
    expect((await parse(['--json', 'new/report.json'])).options.jsonPath).toBe(
      path.join(dir, 'new/report.json'),
    );
  });

  it('--drift takes off', async () => {
    expect((await parse(['--drift', 'off'])).options.drift).toBe('off');
    await expect(parse(['--drift', 'never'])).rejects.toThrow(
      "--drift is 'never': expected one of fail, warn, off",
    );
  });

  it.each([
    [{ verbose: 'yes' }, `schemagate.config.json: 'verbose' is "yes": expected true or false`],
    [{ quiet: 1 }, `schemagate.config.json: 'quiet' is 1: expected true or false`],
    [{ timeout: true }, `schemagate.config.json: 'timeout' is true: expected a string`],
    [
      { migrations: { a: 1 } },
      `schemagate.config.json: 'migrations' is {"a":1}: expected a string or a list`,
    ],
    [{ engine: [true] }, `schemagate.config.json: 'engine' is true: expected a list of strings`],
    [{ lanes: '' }, `schemagate.config.json: 'lanes' is empty`],
    [{ modelsCommand: 'npx x', tool: ['knex'] }, `schemagate.config.json: 'tool' is ["knex"]`],
  ])('config %j: names the key and the type it takes', async (settings, message) => {
    config(settings);
    await expect(parse([])).rejects.toThrow(message);
  });

  it('an image override or an engine from the config file is named by its key, as the Action names it', async () => {
    config({ image: 'oracle=x' });
    await expect(parse([])).rejects.toThrow(
      /^schemagate\.config\.json 'image': oracle=x: write ENGINE=IMAGE/,
    );
    await expect(parse(['--image', 'oracle=x'])).rejects.toThrow(/^--image oracle=x: write ENGINE=IMAGE/);
    config({ engine: ['postgres:16', 'postgres:16'] });
    await expect(parse([])).rejects.toThrow("schemagate.config.json 'engine' names postgres:16 twice");
    await expect(parse(['--engine', 'mysql', '--engine', 'mysql'])).rejects.toThrow(
      '--engine names mysql twice',
    );
  });

  it('a bad value from the config file names the key, not a flag', async () => {
    config({ timeout: 5000000 });
    await expect(parse([])).rejects.toThrow(
      "schemagate.config.json 'timeout' is '5000000': expected a whole number of seconds from 1 to 86400",
    );
    config({ drift: 'maybe' });
    await expect(parse([])).rejects.toThrow("schemagate.config.json 'drift' is 'maybe'");
    config({ verbose: true, timeout: 60, engine: ['postgres:16'] });
    const { options } = await parse([]);
    expect(options).toMatchObject({ verbosity: 'verbose', timeoutMs: 60_000 });
    expect(options.engines.map((e) => e.version)).toEqual(['16']);
  });
});
