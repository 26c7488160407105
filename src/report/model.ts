import type { Difference } from '../schema/difference.js';
import type { EngineName } from '../schema/model.js';

/**
 * The report: one plain, JSON-serialisable object that every renderer (console, JSON file, markdown
 * comment, job summary, annotations, exit code) reads. Nothing renders from anywhere else, so a
 * report written to a file can be rendered again later (the fork-safe comment workflow does that).
 * `version` changes only when a field changes meaning or disappears.
 */
export interface Report {
  version: 1;
  status: 'pass' | 'fail';
  tool: string;
  /** Project root as the user gave it (relative paths in the report are relative to it). */
  cwd: string;
  startedAt: string;
  durationMs: number;
  engines: EngineReport[];
  /** Findings that belong to no single engine (tool findings, PR findings). */
  findings: Finding[];
  /** Pull request context, when run for one. */
  pullRequest?: { number: number; baseRef: string; headSha: string; runUrl?: string } | null;
  /**
   * Which configuration produced this report (working directory and engines; one per matrix leg).
   * The sticky comment's marker is built from it, so `schemagate comment --report` finds the same
   * comment the Action would. Absent when not run by the Action.
   */
  configKey?: string | null;
}

export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export interface EngineReport {
  engine: EngineName;
  /** The server's real version, e.g. `17.6`. */
  version: string;
  /** Where the server came from, with no secret: `embedded`, `url`, `docker postgres:16-alpine`. */
  provider: string;
  status: 'pass' | 'fail';
  durationMs: number;
  migrations: MigrationReport[];
  drift?: DriftReport | null;
  findings: Finding[];
  /** The engine could not be checked at all (the run's exit code is then 2). */
  error?: string | null;
}

export type CheckName = 'up' | 'round-trip' | 're-apply' | 'irreversible';

export interface MigrationReport {
  id: string;
  name: string;
  file: string;
  status: 'pass' | 'fail' | 'warn' | 'not-run';
  /** Whether the pull request adds or changes this migration (true when not run for a PR). */
  changed: boolean;
  checks: CheckResult[];
  sql: { up: string[]; down: string[] };
}

export interface CheckResult {
  check: CheckName;
  status: Status;
  message?: string;
  differences?: Difference[];
  error?: { message: string; statement?: string | null; code?: string | null } | null;
}

export interface DriftReport {
  status: Status;
  /** How the models were built: `schema.sql`, `models.js`, `command: npx prisma db push`. */
  source: string;
  differences: Difference[];
  /** DDL that turns the migrated schema into the models' schema. */
  sql: DriftStatement[];
  /** The knex migration `--write-migration` wrote for this drift, relative to the report's cwd. */
  migrationFile?: string | null;
}

export interface DriftStatement {
  sql: string;
  /** True when the statement loses data (drops a table or column, narrows a type). */
  destructive: boolean;
}

export interface Finding {
  kind: string;
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  migration?: string;
}
