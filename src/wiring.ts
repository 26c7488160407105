/**
 * The composition root: builds the real providers, dialects and migrator from Options and runs the
 * check. Entrypoints (cli.ts, action.ts) call this; everything below it takes its dependencies as
 * parameters, so tests can hand in their own.
 */
import type { Options } from './config/options.js';
import type { Logger } from './log.js';
import type { Report } from './report/model.js';

export async function runWithDefaults(_options: Options, _log: Logger, _signal: AbortSignal): Promise<Report> {
  // Replaced by the real wiring in the next commit; kept so that the Action and CLI compile against it.
  throw new Error('not wired yet');
}
