/**
 * A long-lived Python driver process (see py/prelude.py for the protocol). Requests are answered in
 * order; errors the driver reports come back as ConfigError (the project cannot be loaded) or
 * MigrationError (a migration's own code or SQL failed), each one line that names the cause.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ConfigError, MigrationError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { driverArgs, type PythonDriver } from './driver-files.js';

export interface PythonStart {
  python: string;
  /** Which of the drivers in py/ to run. */
  driver: PythonDriver;
  /** Passed to the driver as sys.argv[1], JSON-encoded. */
  config: unknown;
  cwd: string;
  env?: Record<string, string>;
  /** `alembic`, `django`: used in messages. */
  tool: string;
  log: Logger;
}

interface DriverError {
  kind: 'config' | 'migration' | 'missing' | 'internal';
  message: string;
  module?: string;
  package?: string;
  statement?: string | null;
  code?: string | null;
  detail?: string | null;
  hint?: string | null;
  traceback?: string;
  /** What the migration printed during the failed step (py/prelude.py Capture). */
  output?: string[];
  outputOmitted?: number;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: DriverError;
}

const STDERR_LINES = 40;

/**
 * What a lane costs with a Python tool (Migrator.lanes). Its steps keep two processes busy in turn
 * beside schemagate's own share (the driver and the server backend), and a lane of its own pays a
 * driver start (the interpreter and the tool's imports, about 0.5 s of CPU), a database and the
 * fast-forward through the migrations before it (about 10 ms each): on the 2-core CI machine one
 * lane was 15-20% faster than two at 60 and at 200 migrations (bench/ab-python.ts, 2026-12-05),
 * so a lane takes two cores and at least 100 migrations, where its start is a small part of it.
 */
export const PYTHON_LANE_COST = { coresPerLane: 2, minMigrations: 100 } as const;

export class PythonProcess {
  private readonly pending = new Map<number, { resolve: (r: Reply) => void }>();
  private readonly stderr: string[] = [];
  private nextId = 1;
  private exited: Promise<void>;
  private exitError: Error | null = null;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly start: PythonStart,
  ) {
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.exitError ??= this.crashed(code, signal);
        for (const { resolve: r } of this.pending.values()) r({ id: -1, ok: false });
        this.pending.clear();
        resolve();
      });
    });
  }

  /** Starts the driver and waits until its imports have worked. */
  static async start(start: PythonStart): Promise<PythonProcess> {
    const child = spawn(start.python, await driverArgs(start.driver, start.config), {
      cwd: start.cwd,
      // The child needs PATH, HOME and the project's own variables; ours override, never remove.
      env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', ...start.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so that ending it also ends whatever a migration started (a
      // subprocess, a shell) with one signal to the group.
      detached: true,
    });
    const spawned = await new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', (error) => resolve(error));
    });
    if (spawned) {
      const code = (spawned as NodeJS.ErrnoException).code;
      throw new ConfigError(
        code === 'ENOENT' || code === 'EACCES'
          ? `${start.python} not found: pass --python /path/to/python`
          : `${start.python} could not be started: ${spawned.message}`,
        { cause: spawned },
      );
    }
    const proc = new PythonProcess(child, start);
    proc.listen();
    const hello = await proc.wait(0);
    if (!hello.ok) throw proc.toError(hello);
    return proc;
  }

  /** Sends one command and returns its result; throws ConfigError or MigrationError. */
  async request<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.exitError) throw this.exitError;
    const id = this.nextId++;
    const reply = this.wait(id);
    this.child.stdin.write(`${JSON.stringify({ id, cmd, args })}\n`);
    const r = await reply;
    if (!r.ok) throw this.toError(r);
    return r.result as T;
  }

  /**
   * Asks the driver to quit; kills its process group when it does not within a few seconds, or at
   * once while a request is still running (a step that blocks, say in time.sleep or on a lock,
   * would never read the quit: the run was stopped and abandoned it). Idempotent.
   */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.exitError ??= new ConfigError(`the ${this.start.tool} session is closed`);
    const busy = this.pending.size > 0;
    this.child.stdin.end(`${JSON.stringify({ id: 0, cmd: 'quit' })}\n`);
    const timer = setTimeout(() => this.killGroup(), busy ? 0 : 5000);
    await this.exited;
    clearTimeout(timer);
  }

  private killGroup(): void {
    const pid = this.child.pid;
    try {
      if (pid !== undefined) process.kill(-pid, 'SIGKILL');
      else this.child.kill('SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  private listen(): void {
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        this.start.log.debug(`${this.start.tool}: ${line}`);
        return;
      }
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    createInterface({ input: this.child.stderr }).on('line', (line) => {
      this.stderr.push(line);
      if (this.stderr.length > STDERR_LINES) this.stderr.shift();
      this.start.log.debug(`${this.start.tool}: ${line}`);
    });
    // Writing to a driver that has just died must not crash schemagate: the close handler reports it.
    this.child.stdin.on('error', () => {});
  }

  private wait(id: number): Promise<Reply> {
    return new Promise((resolve) => {
      if (this.exitError) resolve({ id, ok: false });
      else this.pending.set(id, { resolve });
    });
  }

  private toError(reply: Reply): Error {
    const error = reply.error;
    const { python, tool } = this.start;
    if (!error) return this.exitError ?? this.crashed(null, null);
    switch (error.kind) {
      case 'missing':
        return new ConfigError(
          `${error.module} is not installed for ${python}: pip install ${error.package}`,
          {
            hint: "or pass --python with your project's interpreter, e.g. .venv/bin/python",
          },
        );
      case 'migration':
        return new MigrationError(error.message, error.statement ?? null, error.code ?? null, {
          detail: error.detail ?? null,
          hint: error.hint ?? null,
          output: error.output ?? [],
          outputOmitted: error.outputOmitted ?? 0,
        });
      case 'config':
        // The Python traceback only with --verbose: the message already names the file and the fix.
        if (error.traceback) this.start.log.debug(error.traceback.trimEnd());
        return new ConfigError(error.message, error.hint ? { hint: error.hint } : undefined);
      default:
        this.start.log.debug(error.traceback ?? '');
        return new ConfigError(`${tool} driver failed: ${error.message}`);
    }
  }

  private crashed(code: number | null, signal: NodeJS.Signals | null): Error {
    const last = [...this.stderr]
      .reverse()
      .find((l) => l.trim() !== '')
      ?.trim();
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    return new ConfigError(
      `${this.start.python} ${how} while running ${this.start.tool}${last ? `: ${last}` : ''}`,
    );
  }
}
