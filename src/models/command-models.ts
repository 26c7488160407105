/**
 * Models from any command (`prisma db push`, `drizzle-kit push`, a Python create_all script...): it runs
 * through the shell in the project's directory with DATABASE_URL and the engine's usual variables
 * pointing at the empty throwaway database.
 */
import { spawn } from 'node:child_process';
import type { ThrowawayDatabase } from '../databases/provider.js';
import { ENGINES } from '../dialects/registry.js';
import { AbortedError, ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ModelSource } from './model-source.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 10 * 60 * 1000;
/** How much of the command's output is kept for the error message. */
const TAIL_BYTES = 16 * 1024;
const TAIL_LINES = 15;
/** Time a killed command gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 3000;

export interface CommandOptions {
  timeoutMs?: number;
  /** Extra environment (tests; the process environment is always inherited). */
  env?: Record<string, string>;
}

/** DATABASE_URL plus the variables each engine's own clients and ORMs read. */
export function databaseEnv(db: ThrowawayDatabase): Record<string, string> {
  const u = new URL(db.url);
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const { commandEnv: names, defaultPort } = ENGINES[db.engine];
  return {
    DATABASE_URL: db.url,
    [names.host]: host,
    [names.port]: u.port || String(defaultPort),
    [names.user]: user,
    [names.password]: password,
    [names.database]: database,
  };
}

/** The URL and the password, raw and URI-encoded, replaced by `***` (longest first). */
export function maskerFor(db: ThrowawayDatabase): (text: string) => string {
  const secrets = new Set<string>([db.url]);
  try {
    const raw = new URL(db.url).password;
    for (const s of [raw, decodeURIComponent(raw)]) if (s.length >= 3) secrets.add(s);
  } catch {
    // an unparsable URL cannot have reached this point; mask what we have
  }
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, s) => out.split(s).join('***'), text);
}

export class CommandModelSource implements ModelSource {
  readonly describe: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly command: string,
    private readonly cwd: string,
    private readonly log: Logger,
    private readonly options: CommandOptions = {},
  ) {
    this.describe = `command: ${command}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  }

  async build(db: ThrowawayDatabase, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AbortedError('--models-command: interrupted before it started');
    const mask = maskerFor(db);
    this.log.progress(`models: running ${this.command}`);
    const child = spawn(this.command, {
      cwd: this.cwd,
      shell: true,
      env: { ...process.env, ...this.options.env, ...databaseEnv(db) },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that killing it also kills what the shell started (npx -> node).
      detached: process.platform !== 'win32',
    });
    let stderr = '';
    let stdout = '';
    const keep = (acc: string, chunk: Buffer) => (acc + chunk.toString('utf8')).slice(-TAIL_BYTES);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = keep(stdout, chunk);
      for (const line of lines(chunk.toString('utf8'))) this.log.debug(`models command: ${mask(line)}`);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = keep(stderr, chunk);
      for (const line of lines(chunk.toString('utf8'))) this.log.debug(`models command: ${mask(line)}`);
    });

    let stopped: 'timeout' | 'abort' | null = null;
    const stop = (why: 'timeout' | 'abort') => {
      if (stopped || child.exitCode !== null) return;
      stopped = why;
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => stop('timeout'), this.timeoutMs);
    const onAbort = () => stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });

    const result = await new Promise<{ code: number | null; signal: string | null; error?: Error }>(
      (resolve) => {
        child.on('error', (error) => resolve({ code: null, signal: null, error }));
        child.on('close', (code, sig) => resolve({ code, signal: sig }));
      },
    ).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });

    if (stopped === 'abort') throw new AbortedError('--models-command was interrupted');
    if (stopped === 'timeout') {
      throw new ConfigError(
        `--models-command "${this.command}" did not finish within ${Math.round(this.timeoutMs / 1000)} s${tail(mask(stderr || stdout))}`,
        { hint: 'make the command finish on its own (no watch mode, no prompt)' },
      );
    }
    if (result.error) {
      throw new ConfigError(
        `--models-command "${this.command}" could not start: ${mask(result.error.message)}`,
      );
    }
    if (result.code !== 0) {
      const how = result.code === null ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
      throw new ConfigError(`--models-command "${this.command}" ${how}${tail(mask(stderr || stdout))}`, {
        hint: 'run the command yourself against an empty database to see the whole error',
      });
    }
  }
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** The last lines of the output, indented under the error's first line. */
function tail(output: string): string {
  const last = lines(output).slice(-TAIL_LINES);
  return last.length ? `; its output ends with:\n${last.map((l) => `  ${l}`).join('\n')}` : '';
}

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, sig);
  } catch {
    // already gone
  }
}
