import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Options } from './config/options.js';
import { Cleanup } from './databases/cleanup.js';
import { AbortedError } from './errors.js';
import type { Logger } from './log.js';
import { assembleReport } from './report/assemble.js';
import { render } from './report/renderers.js';
import type { RunResults } from './report/results.js';
import { maskReport, type Secrets } from './secrets.js';
import { DEFAULT_FAIL_ON } from './vocabulary/fail-on.js';

export interface CheckIo {
  log: Logger;
  /** Final report text goes here (stdout). */
  out: (text: string) => void;
  secrets: Secrets;
  /** SIGINT/SIGTERM hook: the command registers what to do when one arrives. */
  onSignal: (handler: (signal: NodeJS.Signals) => Promise<void>) => void;
  run: (options: Options, log: Logger, signal: AbortSignal, cleanup: Cleanup) => Promise<RunResults>;
}

/**
 * `schemagate check`: runs the check, prints the report, writes the JSON and markdown files, and
 * returns the exit code (0 pass, 1 a check failed). Errors that stop the check propagate to the
 * entrypoint (exit 2). A signal stops the run the way --timeout does (Cleanup.stop): what runs on
 * the servers is cancelled and everything the run started is released at once.
 */
export async function checkCommand(options: Options, io: CheckIo): Promise<number> {
  const cleanup = new Cleanup();
  io.onSignal(async (signal) => {
    io.log.warn(`${signal}: stopping, and removing the throwaway databases`);
    // Release at once rather than after the run unwinds: a migration stuck on the server, or in a
    // promise that never settles, would keep it from ever unwinding. (The run logs what failed.)
    await cleanup.stop(new AbortedError(`interrupted by ${signal}`));
  });
  // Masked value by value before anything renders it: rendering escapes a secret out of the form
  // `mask` knows (JSON writes `"` as `\"`, markdown writes `\` as `&#92;`).
  const results = maskReport(await io.run(options, io.log, cleanup.signal, cleanup), io.secrets);
  // --fail-on decides the status (and so the exit code) the way the Action's input does.
  const { report } = assembleReport(results, null, { failOn: options.failOn ?? new Set(DEFAULT_FAIL_ON) });
  const masked = (text: string) => io.secrets.mask(text);
  io.out(masked(await render('console', report, { verbosity: options.verbosity })));
  if (options.jsonPath) await writeOut(options.jsonPath, masked(await render('json', report)));
  if (options.markdownPath)
    await writeOut(options.markdownPath, masked(await render('markdown', report, { configKey: 'cli' })));
  return report.status === 'pass' ? 0 : 1;
}

async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
