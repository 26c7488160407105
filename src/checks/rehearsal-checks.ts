/**
 * The two rehearsal checks of a migration, built from what the engine measured (src/rehearsal/):
 * `data` (the up fails on tables with rows, or up → down loses values) and `locks` (statements that
 * held a write-blocking lock while rewriting, scanning or indexing a table with rows). Only the up's
 * hazards count; the down's are listed. A migration whose source carries `schemagate:hazard-ok
 * <reason>`, and tables listed as small (`small-tables`), do not count either.
 */

import { type DataLoss, dataLossLine } from '../rehearsal/content.js';
import { type Hazard, hazardLine } from '../rehearsal/hazards.js';
import type { Measured } from '../rehearsal/rehearsal.js';
import type { CheckResult } from '../report/model.js';

export interface HazardPolicy {
  /** Tables known to stay small (schema-qualified, or unqualified for any schema). */
  smallTables: ReadonlySet<string>;
  /** The migration's `schemagate:hazard-ok` reason ('' without one), or null. */
  accepted: string | null;
}

/** What one migration's rehearsal gathered over its steps. */
export class RehearsalFindings {
  readonly hazards: Hazard[] = [];
  readonly notes: string[] = [];
  readonly quiet: string[] = [];
  unmeasured: string | null = null;
  lost: DataLoss[] | null = null;
  /** Why the data comparison did not run (no down, the down failed). */
  dataSkipped: string | null = null;

  add(m: Measured): void {
    this.hazards.push(...m.hazards);
    this.notes.push(...m.notes);
    this.quiet.push(...(m.quiet ?? []));
    if (m.unmeasured) this.unmeasured = m.unmeasured;
  }
}

const isSmall = (relation: string, small: ReadonlySet<string>) =>
  small.has(relation) || small.has(relation.slice(relation.indexOf('.') + 1));

export function locksCheck(found: RehearsalFindings, policy: HazardPolicy): CheckResult {
  const hazards = found.hazards;
  if (hazards.length === 0 && found.unmeasured) {
    return { check: 'locks', status: 'skip', message: found.unmeasured };
  }
  const counted = hazards.filter((h) => h.direction === 'up' && !isSmall(h.relation, policy.smallTables));
  const why: string[] = [];
  const small = hazards.filter((h) => isSmall(h.relation, policy.smallTables)).length;
  if (small > 0) why.push(`${small} on tables listed in small-tables`);
  const down = hazards.filter((h) => h.direction === 'down' && !isSmall(h.relation, policy.smallTables));
  if (down.length > 0) why.push(`${down.length} on the down, which is listed but does not count`);
  const extra = [...why, ...found.notes];
  if (counted.length > 0 && policy.accepted === null) {
    return {
      check: 'locks',
      status: 'warn',
      message: [...counted.map(hazardLine), ...extra].join('\n'),
      hazards,
    };
  }
  if (counted.length > 0) {
    const reason = policy.accepted ? policy.accepted : 'no reason given';
    return {
      check: 'locks',
      status: 'pass',
      message: [`${counted.length} hazard(s) accepted by schemagate:hazard-ok (${reason})`, ...extra].join(
        '\n',
      ),
      hazards,
    };
  }
  const quiet = found.quiet.map((q) => `quiet: ${q}`);
  const lines = [...extra, ...quiet];
  return {
    check: 'locks',
    status: 'pass',
    ...(lines.length > 0 ? { message: lines.join('\n') } : {}),
    ...(hazards.length > 0 ? { hazards } : {}),
  };
}

export function dataCheck(found: RehearsalFindings): CheckResult {
  if (found.lost === null) {
    return { check: 'data', status: 'skip', message: found.dataSkipped ?? 'not compared' };
  }
  if (found.lost.length === 0) return { check: 'data', status: 'pass' };
  return {
    check: 'data',
    status: 'fail',
    message: `up → down loses data: ${found.lost.map(dataLossLine).join('; ')}`,
    dataLoss: found.lost,
  };
}
