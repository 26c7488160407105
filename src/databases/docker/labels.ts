import { randomBytes } from 'node:crypto';

/**
 * Labels on every container schemagate starts. They are how containers are found again without the
 * testcontainers reaper: by run (removeLeftovers, the tests' leftover counts) and one by one (a start that was
 * interrupted before testcontainers handed back the container).
 */
export const LABEL_RUN = 'dev.schemagate.run';
export const LABEL_CONTAINER = 'dev.schemagate.container';
export const LABEL_ENGINE = 'dev.schemagate.engine';
/**
 * The process that started the container (pid, its start time, and the machine's host name): the
 * next run removes containers whose owner no longer runs on this machine (leftovers.ts).
 */
export const LABEL_OWNER_PID = 'dev.schemagate.owner-pid';
export const LABEL_OWNER_START = 'dev.schemagate.owner-start';
export const LABEL_OWNER_HOST = 'dev.schemagate.owner-host';

/** A short random id for one run (one provider). */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/** A `key=value` filter for Docker's container list. */
export function labelFilter(key: string, value?: string): string {
  return value === undefined ? key : `${key}=${value}`;
}
