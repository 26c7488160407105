/**
 * The step's verdict in the workflow log: failed with the first reasons, or the status. One place
 * for `mode: check` (run-action.ts) and `mode: merge` (merge-mode.ts), so a matrix's final job
 * fails as one job would.
 */
import type { Logger } from '../log.js';
import type { FailureReason } from '../report/verdict.js';
import type { ActionIO } from './action-io.js';

export function setVerdict(
  io: ActionIO,
  log: Logger,
  status: string,
  reasons: FailureReason[],
  mask: (text: string) => string,
): void {
  if (reasons.length > 0) {
    const shown = reasons.slice(0, 5).map((r) => r.message);
    const more = reasons.length > shown.length ? `; and ${reasons.length - shown.length} more` : '';
    io.setFailed(mask(`schemagate: ${shown.join('; ')}${more}. See the job summary.`));
  } else log.info(`schemagate: ${status}`);
}
