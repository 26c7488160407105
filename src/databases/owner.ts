import { readFileSync } from 'node:fs';

/**
 * Who owns a leftover: a process on this machine, named by its pid and its start time (so that a
 * pid the kernel has since given to another process does not pass for the owner). A run killed with
 * SIGKILL leaves its embedded server, data folder and containers behind; the next run removes those
 * whose owner is no longer alive, and never those of a run that still is.
 */
export interface Owner {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/PID/stat), or null where unknown. */
  start: string | null;
}

/** Fields 3 and up of /proc/PID/stat (Linux); null elsewhere or when the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The start time of a process (field 22 of /proc/PID/stat); null where unknown. */
export function processStart(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

export function currentOwner(): Owner {
  return { pid: process.pid, start: processStart(process.pid) };
}

/** Whether the owner still runs: the pid exists and, where both are known, started when it did. */
export function ownerAlive(owner: Owner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's process.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const fields = statFields(owner.pid);
  // A zombie has exited; only its parent has not collected it yet.
  if (fields?.[0] === 'Z') return false;
  const start = fields?.[19] ?? null;
  return owner.start === null || start === null || start === owner.start;
}

/** Whether a process has exited (gone, or a zombie nobody has collected yet). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
  return statFields(pid)?.[0] === 'Z';
}

/** The command line of a process, or '' when it is gone or unreadable. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
