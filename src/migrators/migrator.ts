import type { ThrowawayDatabase } from '../databases/provider.js';
import type { ToolName } from '../vocabulary/tool-names.js';

export type { ToolName } from '../vocabulary/tool-names.js';

export interface LaneCost {
  coresPerLane: number;
  minMigrations: number;
}

/** One migration in the order the tool would apply it. */
export interface Migration {
  /** The tool's own identifier: knex file name, Alembic revision, `app.0001_initial`. */
  id: string;
  /** Display name. */
  name: string;
  /** Path relative to the project root (cwd), with forward slashes. */
  file: string;
  /**
   * Whether the migration has a real down. `false` with `declared: true` means the migration says
   * explicitly that it is irreversible (knex: `exports.irreversible = true`; Django: RunPython with
   * no reverse_code is not declared), which passes by default.
   */
  reversible: boolean;
  irreversibleDeclared?: boolean;
  /**
   * Why it is irreversible, where the declaration says (SQL files: `-- schemagate:irreversible
   * <reason>`); null when the declaration gives no reason, absent where it cannot give one.
   */
  irreversibleReason?: string | null;
  /** How to give this migration a down (or declare it irreversible) in its tool's own terms. */
  irreversibleHint?: string;
  /**
   * The tool has no downs by design (Prisma Migrate, Drizzle Kit): only the up's checks apply (the up
   * on the previous state, hazards, drift), with no irreversible warning of its own; the tool's
   * `notes()` say so once for the whole report.
   */
  upOnly?: boolean;
}

/** What one step ran. `statements` have their bindings inlined, ready to show to a reviewer. */
export interface StepResult {
  statements: string[];
  /**
   * The statements that really ran, as captured from the driver, when `statements` show something
   * else (Alembic's offline SQL, Django's sqlmigrate): with them the re-apply's fingerprint (the
   * same statements on the same schema) applies to these tools too.
   */
  executed?: string[];
  /** What the migration printed during the step (output.ts); a MigrationError carries it too. */
  output?: string[];
  outputOmitted?: number;
}

/**
 * One migration tool. Every check, report and comment works through this interface only.
 * `up`/`down` throw MigrationError (with the failing statement) when the migration's own SQL fails,
 * and ConfigError when the migration cannot be loaded at all.
 */
export interface Migrator {
  tool: ToolName;
  /**
   * True when StepResult.statements are the statements that really ran, captured from the driver
   * (knex, SQL files), rather than a rendering of what would run (Alembic's and Django's offline
   * SQL). Only then may the checks treat "the same statements on the same schema" as proof of the
   * same result (see step-check.ts).
   */
  capturesExecutedSql?: boolean;
  /**
   * What a lane costs with this tool, for the automatic lane count (run-check.ts automaticLanes):
   * the cores one lane keeps busy, and the fewest migrations a lane must have to pay for itself.
   * Absent: one core, and checks/lanes.ts MIN_MIGRATIONS_PER_LANE. `--lanes N` ignores it.
   */
  lanes?: LaneCost;
  /** Migrations in apply order. Throws ConfigError on a missing folder or an empty one. */
  list(): Promise<Migration[]>;
  /** Bind to a database before stepping: one migrator session per database. */
  open(db: ThrowawayDatabase): Promise<MigratorSession>;
  /** Tool-level findings that need no database (several heads, conflicts, ...). */
  findings?(): Promise<ToolFinding[]>;
  /**
   * Ends what the migrator keeps between calls (an idle Python driver kept for the next session);
   * the run calls it once, from its Cleanup, on every way a run ends.
   */
  release?(): Promise<void>;
  /** What the report says once about the tool, not per migration (a tool without downs). */
  notes?(): Promise<string[]>;
}

export interface MigratorSession {
  up(migration: Migration): Promise<StepResult>;
  down(migration: Migration): Promise<StepResult>;
  close(): Promise<void>;
}

export interface ToolFinding {
  kind: string;
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  migration?: string;
}
