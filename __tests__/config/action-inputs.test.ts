import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readActionInputs, splitList } from '../../src/config/action-inputs.js';
import { Secrets } from '../../src/secrets.js';

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'sg-inputs-'));
  mkdirSync(path.join(workspace, 'api'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function source(inputs: Record<string, string>) {
  const calls: string[] = [];
  return {
    calls,
    getInput: (name: string) => {
      calls.push(`get ${name}`);
      return (inputs[name] ?? '').trim();
    },
    setSecret: (value: string) => calls.push(`secret ${value}`),
  };
}

describe('readActionInputs', () => {
  it('masks the token, the URL and its password before reading anything else', async () => {
    const s = source({
      'github-token': 'ghs_tok',
      'database-url': 'postgres://u:p%40ss@h:5432/db',
      'working-directory': 'api',
    });
    const secrets = new Secrets();
    await readActionInputs(s, secrets, workspace);
    const firstOther = s.calls.findIndex(
      (c) => c.startsWith('get ') && !/get (github-token|database-url)$/.test(c),
    );
    const lastSecret = s.calls.map((c) => c.startsWith('secret ')).lastIndexOf(true);
    expect(lastSecret).toBeLessThan(firstOther);
    expect(s.calls).toEqual(
      expect.arrayContaining([
        'secret ghs_tok',
        'secret postgres://u:p%40ss@h:5432/db',
        'secret p%40ss',
        'secret p@ss',
      ]),
    );
    expect(secrets.mask('x p@ss y ghs_tok')).toBe('x *** y ***');
  });

  it('builds Options: lists, engines, paths, fail-on modes', async () => {
    const s = source({
      'working-directory': 'api',
      migrations: 'db/migrations\nlegacy/migrations',
      models: 'db/schema.sql',
      engines: 'postgres:16, mariadb:11.4',
      'database-url': 'postgres://postgres@127.0.0.1:5432/postgres',
      'fail-on': 'migration,finding',
      'only-changed': 'false',
    });
    const inputs = await readActionInputs(s, new Secrets(), workspace);
    expect(inputs.options.cwd).toBe(path.join(workspace, 'api'));
    expect(inputs.options.migrations).toEqual([
      path.join(workspace, 'api/db/migrations'),
      path.join(workspace, 'api/legacy/migrations'),
    ]);
    expect(inputs.options.engines).toEqual([
      { engine: 'postgres', version: '16', image: null },
      { engine: 'mariadb', version: '11.4', image: null },
    ]);
    expect(inputs.options.drift).toBe('warn');
    expect(inputs.options.irreversible).toBe('all');
    expect(inputs.onlyChanged).toBe(false);
    expect(inputs.comment).toBe(true);
    expect(inputs.workingDirectory).toBe('api');
  });

  it('takes what has no input from schemagate.config.json, inputs winning', async () => {
    writeFileSync(
      path.join(workspace, 'api/schemagate.config.json'),
      JSON.stringify({
        tool: 'knex',
        ignore: ['public.spatial_ref_sys'],
        engine: 'mysql:8.4',
        drift: 'warn',
        timeout: 60,
        lanes: 2,
      }),
    );
    const fromFile = await readActionInputs(source({ 'working-directory': 'api' }), new Secrets(), workspace);
    expect(fromFile.options.tool).toBe('knex');
    expect(fromFile.options.ignore).toEqual(['public.spatial_ref_sys']);
    expect(fromFile.options.engines.map((e) => e.engine)).toEqual(['mysql']);
    expect(fromFile.failOn.has('drift')).toBe(false);
    expect(fromFile.options.timeoutMs).toBe(60_000);
    expect(fromFile.options.lanes).toBe(2);
    const overridden = await readActionInputs(
      source({ 'working-directory': 'api', engines: 'postgres', 'fail-on': 'all' }),
      new Secrets(),
      workspace,
    );
    expect(overridden.options.engines.map((e) => e.engine)).toEqual(['postgres']);
    expect(overridden.options.drift).toBe('fail');
  });

  it('names the input in every error, without echoing the URL', async () => {
    const read = (inputs: Record<string, string>) =>
      readActionInputs(source({ 'working-directory': 'api', ...inputs }), new Secrets(), workspace);
    await expect(read({ 'working-directory': 'nope' })).rejects.toThrow(
      /^Input 'working-directory' is 'nope': no such folder/,
    );
    await expect(read({ engines: 'postgres\npostgres' })).rejects.toThrow(
      "Input 'engines' names postgres twice",
    );
    await expect(read({ provider: 'cloud' })).rejects.toThrow(/^Input 'provider' is 'cloud'/);
    await expect(read({ provider: 'url' })).rejects.toThrow(
      /^Input 'provider' is 'url' but 'database-url' is empty/,
    );
    await expect(read({ 'only-changed': 'sometimes' })).rejects.toThrow(/^Input 'only-changed'/);
    const error = await read({ 'database-url': 'secret-password-not-a-url' }).catch((e: Error) => e);
    expect(String(error)).toContain("Input 'database-url' is not a URL");
    expect(String(error)).not.toContain('secret-password');
  });

  it('names the config key when lanes is not auto or 1 to 8', async () => {
    writeFileSync(path.join(workspace, 'api/schemagate.config.json'), JSON.stringify({ lanes: 'lots' }));
    await expect(
      readActionInputs(source({ 'working-directory': 'api' }), new Secrets(), workspace),
    ).rejects.toThrow(
      "schemagate.config.json 'lanes' is 'lots': expected auto or a whole number from 1 to 8",
    );
  });

  it('drift: fail, warn or off, the input winning over fail-on and the config file', async () => {
    const read = (inputs: Record<string, string>) =>
      readActionInputs(source({ 'working-directory': 'api', ...inputs }), new Secrets(), workspace);
    const off = await read({ drift: 'off' });
    expect(off.options.drift).toBe('off');
    expect(off.failOn.has('drift')).toBe(false);
    expect((await read({ drift: 'warn', 'fail-on': 'all' })).failOn.has('drift')).toBe(false);
    const fail = await read({ drift: 'fail', 'fail-on': 'migration' });
    expect(fail.options.drift).toBe('fail');
    expect(fail.failOn.has('drift')).toBe(true);
    await expect(read({ drift: 'sometimes' })).rejects.toThrow(
      "Input 'drift' is 'sometimes': expected one of fail, warn, off",
    );
    writeFileSync(path.join(workspace, 'api/schemagate.config.json'), JSON.stringify({ drift: 'off' }));
    expect((await read({})).options.drift).toBe('off');
  });

  it('validates the config file as the CLI does, naming the key', async () => {
    const read = () => readActionInputs(source({ 'working-directory': 'api' }), new Secrets(), workspace);
    const file = (settings: unknown) =>
      writeFileSync(path.join(workspace, 'api/schemagate.config.json'), JSON.stringify(settings));
    file({ timeout: 5000000 });
    await expect(read()).rejects.toThrow(
      "schemagate.config.json 'timeout' is '5000000': expected a whole number of seconds from 1 to 86400 (24 h)",
    );
    file({ timeout: -1 });
    await expect(read()).rejects.toThrow("schemagate.config.json 'timeout' is '-1'");
    file({ verbose: 'yes' });
    await expect(read()).rejects.toThrow(
      `schemagate.config.json: 'verbose' is "yes": expected true or false`,
    );
    file({ lanes: '' });
    await expect(read()).rejects.toThrow("schemagate.config.json: 'lanes' is empty");
    file({ irreversible: 'sometimes' });
    await expect(read()).rejects.toThrow("schemagate.config.json 'irreversible' is 'sometimes'");
    file({ image: 'oracle=x' });
    await expect(read()).rejects.toThrow(/^schemagate\.config\.json 'image': oracle=x: write ENGINE=IMAGE/);
    file({
      image: ['postgres:16=mirror/pg:16', 'postgres=mirror/pg'],
      engine: ['postgres:16', 'postgres:17'],
    });
    expect((await read()).options.engines.map((e) => e.image)).toEqual(['mirror/pg:16', 'mirror/pg']);
    file({ provider: 'cloud' });
    await expect(read()).rejects.toThrow("schemagate.config.json 'provider' is 'cloud'");
  });

  it('names the config key, not an input, for what came from the config file', async () => {
    const read = () => readActionInputs(source({ 'working-directory': 'api' }), new Secrets(), workspace);
    const file = (settings: unknown) =>
      writeFileSync(path.join(workspace, 'api/schemagate.config.json'), JSON.stringify(settings));
    file({ engine: ['mysql', 'mysql'] });
    await expect(read()).rejects.toThrow("schemagate.config.json 'engine' names mysql twice");
    // One command, commas and all, as the CLI takes it from the same file.
    file({ 'models-command': 'node build.js --tables a,b' });
    expect((await read()).options.modelsCommand).toBe('node build.js --tables a,b');
  });

  it('splits lists on commas and newlines', () => {
    expect(splitList(' a, b\n\nc ,# comment\n')).toEqual(['a', 'b', 'c']);
  });
});
