/**
 * Runs the schemagate CLI as a user would: a separate process, real arguments, real exit code.
 * By default it runs the TypeScript sources (through jiti), so tests never depend on a stale bundle;
 * SCHEMAGATE_TEST_BUNDLE=1 runs the committed dist/cli.js instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const FIXTURES = path.join(ROOT, '__tests__', 'fixtures');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function cliCommand(): string[] {
  return process.env.SCHEMAGATE_TEST_BUNDLE === '1'
    ? [path.join(ROOT, 'dist', 'cli.js')]
    : ['--import', 'jiti/register', path.join(ROOT, 'src', 'cli.ts')];
}

export function startCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): ChildProcess {
  return spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  const child = startCli(args, options);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once the child has written `text` to stderr; fails if it exits first or takes a minute. */
export function stderrShows(child: ChildProcess, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`never saw "${text}": ${seen}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited before "${text}": ${seen}`));
    });
  });
}
