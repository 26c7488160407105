/**
 * What the checks return: the facts each check found, and nothing decided from them. No status is
 * here (a migration's, an engine's, the run's): assembleReport (assemble.ts) derives every status,
 * the verdict and the pull request's additions once, when it builds the Report.
 *
 * These types sit in the report layer, below src/checks/, so that the checks can produce them and
 * the report can consume them without an import running back up (see the import-graph test).
 */

import type { EngineName } from '../schema/model.js';
import type { CheckResult, DriftReport, Finding, MigrationOutput, ShardInfo } from './model.js';

/** A migration as the tool lists it. */
export interface MigrationRef {
  id: string;
  name: string;
  file: string;
}

/** One migration's checks; `checks` is empty when it was not run (an earlier up failed). */
export interface MigrationResult extends MigrationRef {
  /**
   * An input, not a finding: the migration was selected for the full check (round trip, re-apply,
   * rehearsal); every migration is when nothing narrowed the run (`--only-changed`).
   */
  changed: boolean;
  checks: CheckResult[];
  sql: { up: string[]; down: string[] };
  /** What the migration printed, per step that printed anything (migrators/output.ts). */
  output?: MigrationOutput[];
}

export interface EngineResult {
  engine: EngineName;
  /** The server's real version, e.g. `17.6`. */
  version: string;
  /** Where the server came from, with no secret. */
  provider: string;
  durationMs: number;
  /** Every listed migration, in order. */
  migrations: MigrationResult[];
  /** The drift check's own result (its status follows `--drift fail|warn`); null when not checked. */
  drift: DriftReport | null;
  findings: Finding[];
  /** `--shard I/N`: which part of the history `migrations` is (report/model.ts ShardInfo). */
  shard?: ShardInfo | null;
  /** The engine could not be checked at all (a merge whose shards do not join, report/merge.ts). */
  error?: string | null;
}

/** What one run of the pipeline (src/run-check.ts) found. */
export interface RunResults {
  tool: string;
  cwd: string;
  startedAt: string;
  durationMs: number;
  engines: EngineResult[];
  /** Findings that belong to no single engine (tool findings, drift not checked). */
  findings: Finding[];
  /** What the tool says once for the whole run (Migrator.notes: a tool without downs). */
  notes?: string[];
}
