import { AbortedError } from '../errors.js';
import type { PythonProcess } from '../migrators/python/process.js';
import type { SpareDriver } from '../migrators/python/spare-driver.js';

/**
 * Runs one piece of work on a Python driver started for it, then closes the driver (or, with
 * `keep`, leaves it there as a spare for the next start once the work has succeeded). An abort
 * closes the driver at once (which ends the request), and the failure then reads as an
 * interruption `while <what>` rather than as the driver's own error.
 */
export async function withDriver<T>(
  start: () => Promise<PythonProcess>,
  what: string,
  signal: AbortSignal | undefined,
  work: (proc: PythonProcess) => Promise<T>,
  keep?: SpareDriver,
): Promise<T> {
  signal?.throwIfAborted();
  const proc = await start();
  const abort = () => void proc.close();
  signal?.addEventListener('abort', abort, { once: true });
  let kept = false;
  try {
    const result = await work(proc);
    if (keep && !signal?.aborted) {
      keep.keep(proc);
      kept = true;
    }
    return result;
  } catch (error) {
    if (signal?.aborted) throw new AbortedError(`interrupted while ${what}`);
    throw error;
  } finally {
    signal?.removeEventListener('abort', abort);
    if (!kept) await proc.close();
  }
}
