#!/usr/bin/env node
/**
 * The CLI entrypoint: parse the arguments once into Options, call one command, turn what it throws
 * into one line and an exit code. Nothing else in schemagate reads argv or the environment.
 */
import { checkCommand } from './check-command.js';
import { CHECK_HELP, parseCheckArgs } from './config/cli-args.js';
import { SchemagateError } from './errors.js';
import { type Logger, terminalSafe } from './log.js';
import { Secrets } from './secrets.js';
import { runWithDefaults } from './wiring.js';

const USAGE = `Usage: schemagate <command> [flags]

Commands:
  check      check the migrations (default)
  comment    post the PR comment from a saved report (schemagate comment --help)
  merge      join a CI matrix's reports into one report and verdict (schemagate merge --help)

Run schemagate check --help for the flags.`;

async function main(argv: string[]): Promise<number> {
  const secrets = new Secrets();
  secrets.add(process.env.GITHUB_TOKEN);
  const verbose = argv.includes('--verbose');
  const quiet = argv.includes('--quiet');
  // Everything printed passes terminalSafe: a migration's error message must not drive the terminal.
  const err = (line: string) => process.stderr.write(`${terminalSafe(secrets.mask(line))}\n`);
  const log: Logger = {
    progress: (m) => !quiet && err(m),
    info: (m) => !quiet && err(m),
    warn: (m) => err(`warning: ${m}`),
    debug: (m) => verbose && err(m),
  };
  const [command = 'check', ...rest] = argv[0]?.startsWith('-') ? ['check', ...argv] : argv;
  try {
    if (command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command === '--version') {
      process.stdout.write('schemagate 0.1.0\n');
      return 0;
    }
    if (command === 'comment') {
      const { commentMain } = await import('./github/comment-main.js');
      return await commentMain(rest, { log, secrets, env: process.env });
    }
    if (command === 'merge') {
      const { mergeCommand } = await import('./merge-command.js');
      return await mergeCommand(rest, {
        log,
        secrets,
        out: (text) => process.stdout.write(`${terminalSafe(text)}\n`),
      });
    }
    if (command !== 'check') {
      err(`unknown command '${command}': run schemagate --help`);
      return 2;
    }
    const parsed = await parseCheckArgs(rest, process.cwd(), process.env);
    if (parsed.help) {
      process.stdout.write(`${CHECK_HELP}\n`);
      return 0;
    }
    secrets.addUrl(parsed.options.url);
    return await checkCommand(parsed.options, {
      log,
      secrets,
      out: (text) => process.stdout.write(`${terminalSafe(text)}\n`),
      onSignal: (handler) => {
        let seen = 0;
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.on(signal, () => {
            // A second Ctrl-C means "now": the cleanup is already under way or stuck.
            if (++seen > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
            const code = signal === 'SIGINT' ? 130 : 143;
            process.exitCode = code;
            // Once everything is released, nothing is worth waiting for: a driver's pool or a
            // half-finished step must not keep the process alive.
            void handler(signal).finally(() => setTimeout(() => process.exit(code), 2000).unref());
          });
        }
      },
      run: runWithDefaults,
    });
  } catch (error) {
    if (error instanceof SchemagateError) {
      err(`schemagate: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
      if (verbose) {
        if (error.stack) err(error.stack);
        const cause = error.cause as { stack?: unknown } | undefined;
        if (cause && typeof cause.stack === 'string') err(`caused by: ${cause.stack}`);
      }
      return process.exitCode && process.exitCode !== 0 ? Number(process.exitCode) : error.exitCode;
    }
    err(`schemagate: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (verbose && error instanceof Error && error.stack) err(error.stack);
    else err('run again with --verbose for the stack trace, and please report it');
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : code;
  // Everything schemagate started is released by now; a driver's socket or a library's timer that
  // is still open must not keep a finished run alive (unref: a clean exit does not wait for it).
  setTimeout(() => process.exit(), 5000).unref();
});
