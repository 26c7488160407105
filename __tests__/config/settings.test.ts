/**
 * The settings table is the one list of what schemagate takes: action.yml's inputs, the CLI's flags
 * and --help, and the config file's keys must all agree with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readActionInputs, readActionMode } from '../../src/config/action-inputs.js';
import { CHECK_HELP, parseCheckArgs } from '../../src/config/cli-args.js';
import { ACTION_ONLY_INPUTS, CLI_FLAGS, CONFIG_KEYS, SETTINGS } from '../../src/config/settings.js';
import { Secrets } from '../../src/secrets.js';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '../..');
const actionYml = YAML.parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
};
const declared = Object.keys(actionYml.inputs).sort();

describe('the settings table', () => {
  it('names every input of action.yml, and action.yml declares every input the table names', () => {
    const fromTable = SETTINGS.flatMap((s) => (s.input ? [s.input] : []));
    expect([...fromTable, ...ACTION_ONLY_INPUTS].sort()).toEqual(declared);
  });

  it('the Action reads every input action.yml declares, and no other', async () => {
    const read = new Set<string>();
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'sg-settings-'));
    try {
      const source = {
        getInput: (name: string) => {
          read.add(name);
          return name === 'mode' ? 'comment' : name === 'report' ? 'r.json' : '';
        },
        setSecret: () => {},
      };
      readActionMode(source, new Secrets());
      await readActionInputs(source, new Secrets(), workspace);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
    expect([...read].sort()).toEqual(declared);
  });

  it('check --help lists every flag the CLI accepts', () => {
    const listed = [...CHECK_HELP.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]);
    for (const flag of Object.keys(CLI_FLAGS)) expect(listed, flag).toContain(flag);
    for (const flag of listed) expect(Object.keys(CLI_FLAGS), flag).toContain(flag);
  });

  it('the config file takes every setting that has a config key, and rejects the rest by name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-settings-'));
    try {
      for (const key of ['cwd', 'config', 'help']) {
        expect(CONFIG_KEYS).not.toContain(key);
        writeFileSync(path.join(dir, 'schemagate.config.json'), JSON.stringify({ [key]: 'x' }));
        await expect(parseCheckArgs([], dir, {})).rejects.toThrow(`unknown key '${key}'`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
