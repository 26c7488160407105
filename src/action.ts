/**
 * The Action's entrypoint (bundled to dist/index.js): wires the real dependencies and runs. All the
 * work, and the one catch, is in src/github/run-action.ts.
 */
import { Cleanup } from './databases/cleanup.js';
import { AbortedError } from './errors.js';
import { coreIO } from './github/action-io.js';
import { runAction } from './github/run-action.js';
import { runWithDefaults } from './wiring.js';

const cleanup = new Cleanup();
// A cancelled workflow sends SIGINT, then SIGTERM: stop (as --timeout does) and drop the throwaway databases.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup.stop(new AbortedError(`cancelled (${signal})`)));
}

await runAction({ io: coreIO, env: process.env, check: runWithDefaults, signal: cleanup.signal, cleanup });
