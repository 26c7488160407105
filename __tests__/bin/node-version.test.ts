/**
 * `schemagate` on a Node.js older than 22 says so in one line (exit 2) instead of failing to link
 * the bundle. Run with the machine's own Node when it is that old (this project's CI machine has
 * Node 20 at /usr/bin/node; npm scripts run Node 24 from node_modules).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'schemagate.js');
const OLD_NODE = '/usr/bin/node';
const oldMajor = existsSync(OLD_NODE)
  ? Number(execFileSync(OLD_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }))
  : null;

describe('the Node.js version', () => {
  it.runIf(oldMajor !== null && oldMajor < 22)(
    'an old Node gets one line naming the version it needs',
    () => {
      const r = spawnSync(OLD_NODE, [BIN, 'check', '--help'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toMatch(
        /^schemagate: needs Node\.js 22 or newer, and this is v\d+\.\d+\.\d+: /,
      );
      expect(r.stderr).not.toMatch(/SyntaxError/);
    },
  );

  it('the current Node runs the CLI', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: schemagate check/);
  });
});
