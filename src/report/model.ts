// A leaf: the report's vocabulary imports only other data-only leaves (checked by
// __tests__/report/import-graph.test.ts), so every layer can use it and it pulls in nothing.
import type { DataLoss } from '../rehearsal/content.js';
import type { Hazard } from '../rehearsal/hazards.js';
import type { DriftStatement } from '../schema/ddl/statement.js';
import type { Difference } from '../schema/difference.js';
import type { EngineName } from '../schema/model.js';

export type { DriftStatement };

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
  /** Said once about the tool, not per migration (Prisma Migrate and Drizzle Kit have no downs). */
  notes?: string[];
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
  /** Set when this run checked one shard of the history (`--shard I/N`); `schemagate merge` joins them. */
  shard?: ShardInfo | null;
}

/**
 * One shard of a long history (`--shard I/N`): the engine's `migrations` are only the part
 * [from, to) it checked, after applying the migrations before it up, unchecked (as a lane does).
 * What `schemagate merge` needs to join the N shards into the one run's verdict, and to refuse a
 * missing, repeated or foreign shard.
 */
export interface ShardInfo {
  /** 1-based. */
  index: number;
  count: number;
  /** The part checked, 0-based, end exclusive, of the `total` migrations the tool listed. */
  from: number;
  to: number;
  total: number;
  /** sha256 of the listed migration ids, in order: shards of different histories never join. */
  history: string;
  /**
   * Fingerprints (src/schema/fingerprint.ts) of the full schema the shard started from and ended
   * with; null when the migrations before it did not apply, or when an up failed in it (stopped).
   * Shard k must start where shard k-1 ended, as a lane must.
   */
  start: string | null;
  end: string | null;
}

export type CheckName = 'up' | 'round-trip' | 're-apply' | 'irreversible' | 'data' | 'locks';

export interface MigrationReport {
  id: string;
  name: string;
  file: string;
  status: 'pass' | 'fail' | 'warn' | 'not-run';
  /** Whether the pull request adds or changes this migration (true when not run for a PR). */
  changed: boolean;
  checks: CheckResult[];
  sql: { up: string[]; down: string[] };
  /**
   * What the migration itself printed (console.*, process.stdout/stderr, Python's print()), per step
   * that printed anything, bounded (see migrators/output.ts). Absent when it printed nothing.
   */
  output?: MigrationOutput[];
}

export interface MigrationOutput {
  step: 'up' | 'down' | 'up again';
  /** The last lines printed, stdout and stderr in the order they were written. */
  lines: string[];
  /** Lines dropped before `lines` to keep the report small. */
  omitted?: number;
}

export interface CheckResult {
  check: CheckName;
  status: Status;
  message?: string;
  differences?: Difference[];
  error?: CheckError | null;
  /** `locks`: every hazard measured, both directions (only the up's count). */
  hazards?: Hazard[];
  /** `data`: what up → down lost. */
  dataLoss?: DataLoss[];
  /** `round-trip` that failed or warned: what the down is missing (src/checks/down-fix.ts). */
  fix?: DownFix | null;
}

/**
 * What a down needs to restore the schema before its up, written by the DDL writer and tried on a
 * throwaway database.
 */
export interface DownFix {
  /**
   * `append`: statements to run at the end of the down as it is (it ran and left differences);
   * `replace`: a whole down in an order that works (the down failed on an error).
   */
  placement: 'append' | 'replace';
  sql: string[];
  /** Applied after the down (or in its place) and re-diffed: the schema before up came back exactly. */
  proven: boolean;
  /** Why it is not proven: what the writer cannot express, the statement the server refused, ... */
  reason?: string | null;
  /** What the server's error needs, in words (a down that failed on dependent objects). */
  advice?: string | null;
  /** The same statements as code for the migration tool's down. */
  code?: { knex?: string; alembic?: string } | null;
}

export interface CheckError {
  /** The server's message; the DETAIL and HINT follow on their own lines when there are any. */
  message: string;
  statement?: string | null;
  /** SQLSTATE on Postgres, the driver's error code (`ER_NO_SUCH_TABLE`) on MySQL. */
  code?: string | null;
  /** Postgres DETAIL, on one line (e.g. which objects depend on a table that cannot be dropped). */
  detail?: string | null;
  /** Postgres HINT. */
  hint?: string | null;
  /** MySQL and MariaDB: the SQLSTATE and error number, which they give instead of a DETAIL. */
  sqlState?: string | null;
  errno?: number | null;
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

export interface Finding {
  kind: string;
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  migration?: string;
}
