import { AbortedError } from '../errors.js';
import type { PythonProcess } from '../migrators/python/process.js';

/**
 * Runs one piece of work on a Python driver started for it, then closes the driver. An abort
 * closes the driver at once (which ends the request), and the failure then reads as an
 * interruption `while <what>` rather than as the driver's own error.
 */
export async function withDriver<T>(
  start: () => Promise<PythonProcess>,
  what: string,
  signal: AbortSignal | undefined,
  work: (proc: PythonProcess) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  const proc = await start();
  const abort = () => void proc.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await work(proc);
  } catch (error) {
    if (signal?.aborted) throw new AbortedError(`interrupted while ${what}`);
    throw error;
  } finally {
    signal?.removeEventListener('abort', abort);
    await proc.close();
  }
}
