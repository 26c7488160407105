/**
 * Ctrl-C and SIGTERM mid-run: the check stops, and every throwaway database, embedded server and
 * data directory it started is gone afterwards — even while a migration is still running on the
 * server (the fixture's second migration sleeps for 30 s).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, FIXTURES, startCli } from '../helpers/cli.js';
import { embeddedDataDirs, embeddedProcesses, throwawayDatabases } from '../helpers/leftovers.js';
import { PG_URL } from '../helpers/servers.js';

const SLOW = path.join(FIXTURES, 'knex', 'slow', 'migrations');

const cases = [
  { provider: 'embedded', args: ['--provider', 'embedded'], signal: 'SIGTERM', code: 143 },
  { provider: 'url', args: ['--provider', 'url', '--url', PG_URL], signal: 'SIGTERM', code: 143 },
  { provider: 'embedded', args: ['--provider', 'embedded'], signal: 'SIGINT', code: 130 },
] as const;

describe('interrupted runs leave nothing behind', () => {
  afterEach(async () => {
    expect(await throwawayDatabases(PG_URL)).toEqual([]);
    expect(embeddedProcesses()).toEqual([]);
    expect(embeddedDataDirs()).toEqual([]);
  });

  it.each(cases)('$signal during a migration ($provider)', async ({ args, signal, code }) => {
    const child = startCli(['check', '--migrations', SLOW, ...args]);
    const result = collect(child);
    // Wait until the slow migration is running on the server, then interrupt.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`the slow migration never started: ${seen}`)), 60_000);
      child.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('002_slow: up')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Something really is running: a throwaway database exists or an embedded server runs.
    const before = args[1] === 'url' ? await throwawayDatabases(PG_URL) : embeddedProcesses();
    expect(before.length).toBeGreaterThan(0);
    const sentAt = Date.now();
    child.kill(signal);
    const r = await result;
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(`${signal}: stopping, and removing the throwaway databases`);
    // It did not wait for the 30 s migration to finish.
    expect(Date.now() - sentAt).toBeLessThan(25_000);
  });
});
