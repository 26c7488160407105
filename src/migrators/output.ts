/**
 * What a migration prints. Migrations print (Joplin's console.log whole error objects); left alone,
 * that output lands among schemagate's progress lines with nothing saying where it came from. Every
 * migrator captures it per step instead: JS migrations run in process, so console.* and
 * process.stdout/stderr writes made inside a step are caught here; the Python drivers capture
 * print() and sys.stdout/stderr themselves and send the lines with their reply.
 *
 * The lines go into the migration's report entry (`output`, bounded) and, live, to the debug log as
 * `[name up] line`, so --verbose shows them attributed as they happen. The console shows them for a
 * failed migration, the comment collapsed under it (report/console.ts, report/markdown-migration.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { MigrationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { MigrationOutput } from '../report/model.js';

/** Lines kept per step: the last ones, which are nearest to whatever went wrong. */
export const OUTPUT_LINES = 200;
const LINE_CHARS = 2000;

interface Sink {
  /** Text not yet ended by a newline, per stream. */
  partial: { out: string; err: string };
  lines: string[];
  /** Lines dropped from the front while the step ran. */
  dropped: number;
  closed: boolean;
  onLine?: (line: string) => void;
}

const storage = new AsyncLocalStorage<Sink>();
let installed = false;

/**
 * Routes process.stdout/stderr writes made inside a capture (console.* writes through them) to
 * that capture. Installed once; outside a capture, and in captures already finished (a connection
 * opened during a step keeps its context afterwards), writes go through untouched. The async
 * context, not a global flag, decides, so lanes stepping at once never take each other's output.
 */
function install(): void {
  if (installed) return;
  installed = true;
  for (const [stream, key] of [
    [process.stdout, 'out'],
    [process.stderr, 'err'],
  ] as const) {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const sink = storage.getStore();
      if (!sink || sink.closed) return original(chunk, ...rest);
      const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(encoding);
      append(sink, key, text);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (callback) queueMicrotask(callback);
      return true;
    }) as typeof stream.write;
  }
}

function append(sink: Sink, key: 'out' | 'err', text: string): void {
  const parts = (sink.partial[key] + text).split(/\r?\n/);
  sink.partial[key] = parts.pop() ?? '';
  sink.lines.push(...parts);
  // Outside the capture, or the log's own write would be captured again.
  if (sink.onLine) for (const line of parts) storage.exit(() => sink.onLine!(line));
  // Bounded while it runs too: a migration that logs every row must not fill the memory.
  if (sink.lines.length > OUTPUT_LINES * 2) {
    const drop = sink.lines.length - OUTPUT_LINES;
    sink.lines.splice(0, drop);
    sink.dropped += drop;
  }
}

/**
 * Runs `fn` with what it prints captured; `onLine` sees each line as it is completed, `done` receives
 * them all (also when `fn` throws) before the result or the error is passed on.
 */
export async function captureOutput<T>(
  fn: () => Promise<T>,
  done: (output: StepOutput) => void,
  onLine?: (line: string) => void,
): Promise<T> {
  install();
  const sink: Sink = { partial: { out: '', err: '' }, lines: [], dropped: 0, closed: false, onLine };
  const finish = () => {
    sink.closed = true;
    for (const key of ['out', 'err'] as const) {
      if (sink.partial[key] === '') continue;
      sink.lines.push(sink.partial[key]);
      onLine?.(sink.partial[key]);
    }
    done({ output: sink.lines, outputOmitted: sink.dropped });
  };
  try {
    const value = await storage.run(sink, fn);
    finish();
    return value;
  } catch (error) {
    finish();
    throw error;
  }
}

/** What a step printed, as StepResult and MigrationError carry it. */
export interface StepOutput {
  output: string[];
  /** Lines dropped before `output` while the step ran. */
  outputOmitted?: number;
}

/** The prefix that attributes a line to its migration and step: `[20240101_x up] `. */
export function attribution(name: string, step: string): string {
  return `[${name} ${step}]`;
}

/** The last OUTPUT_LINES lines, each at most LINE_CHARS long, with masking applied. */
export function boundOutput(
  lines: string[],
  mask: (text: string) => string = (t) => t,
): {
  lines: string[];
  omitted: number;
} {
  const kept = lines.slice(-OUTPUT_LINES).map((l) => {
    const line = mask(l.replace(/\s+$/, ''));
    return line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line;
  });
  return { lines: kept, omitted: Math.max(0, lines.length - OUTPUT_LINES) };
}

/**
 * Adds a step's output (from its StepResult, or the MigrationError it threw) to the migration's
 * report entry; nothing when it printed nothing.
 */
export function recordOutput(
  entry: { output?: MigrationOutput[] },
  step: MigrationOutput['step'],
  from: unknown,
): void {
  const { output, outputOmitted } = (from ?? {}) as Partial<StepOutput>;
  if (!Array.isArray(output) || output.length === 0) return;
  const bounded = boundOutput(output);
  const omitted = bounded.omitted + (outputOmitted ?? 0);
  entry.output ??= [];
  entry.output.push({ step, lines: bounded.lines, ...(omitted > 0 ? { omitted } : {}) });
}

/**
 * A step of a migrator that gets what the migration printed back with the step's reply (the Python
 * drivers): masks the lines, shows them attributed with --verbose, and hands them on in the
 * StepResult or the MigrationError.
 */
export async function withPrinted<T extends Partial<StepOutput>>(
  label: string,
  log: Logger,
  mask: (text: string) => string,
  run: () => Promise<T>,
): Promise<T & StepOutput> {
  const show = (lines: string[]) => {
    for (const line of lines) log.debug(`${label} ${line}`);
  };
  try {
    const reply = await run();
    const output = (reply.output ?? []).map(mask);
    show(output);
    return { ...reply, output, outputOmitted: reply.outputOmitted ?? 0 };
  } catch (error) {
    if (error instanceof MigrationError) {
      error.output = error.output.map(mask);
      show(error.output);
    }
    throw error;
  }
}
