import { UsageError } from '../errors.js';
import type { EngineSpec } from '../vocabulary/engine-spec.js';
import type { FailOnKind } from '../vocabulary/fail-on.js';
import type { ProviderName } from '../vocabulary/provider-names.js';
import type { ToolName } from '../vocabulary/tool-names.js';

/**
 * Everything a run needs, parsed once from the CLI flags, the config file or the Action's inputs.
 * All paths are absolute. Nothing downstream reads process.env or argv.
 */
export interface Options {
  cwd: string;
  tool: ToolName | null;
  /** Migration folders; empty means "read from the tool's own configuration" (knexfile, alembic.ini). */
  migrations: string[];
  engines: EngineSpec[];
  provider: ProviderName | null;
  /** Server URL for the `url` provider; a secret. One per engine kind, or one for all. */
  url: string | null;
  /** Models for drift: DDL files or a JS/TS module. */
  models: string[];
  modelsCommand: string | null;
  /** Whether drift fails the run, is reported only, or is not checked at all (`off`). */
  drift: 'fail' | 'warn' | 'off';
  /** Object patterns drift ignores (`public.spatial_ref_sys`, `*.audit_*`). */
  ignore: string[];
  /**
   * Which migrations without a real down pass (with a warning): `declared` (default) only those that
   * say so explicitly (knex: `exports.irreversible = true`); `all` every one; `none` not even those.
   */
  irreversible: 'declared' | 'all' | 'none';
  /** Migrations (ids or files) that get the full round trip; null means all of them. */
  onlyChanged: string[] | null;
  python: string;
  jsonPath: string | null;
  markdownPath: string | null;
  writeMigrationDir: string | null;
  verbosity: 'quiet' | 'normal' | 'verbose';
  /** Overall time limit in milliseconds. */
  timeoutMs: number;
  /**
   * Lanes per engine: parts of a long history checked at once on separate databases (checks/lanes.ts).
   * Null or absent: as many as the machine's cores allow; 1: strictly in order on one database.
   */
  lanes?: number | null;
  /**
   * `--shard I/N`: check only the I-th of N consecutive parts of the history (after applying the
   * earlier migrations up, unchecked); `schemagate merge` joins the N reports. Null or absent: all.
   */
  shard?: { index: number; count: number } | null;
  /**
   * CLI `--fail-on`: which problems fail the run (report/verdict.ts); null or absent: every failed
   * check, as the report's own status says. The Action reads its `fail-on` input itself.
   */
  failOn?: ReadonlySet<FailOnKind> | null;
  /** Rows per table for the rehearsal with rows (checks/rehearsal-checks.ts); 0 or absent: off. */
  rows?: number;
  /** Tables whose lock hazards do not count (known to stay small). */
  smallTables?: string[];
  /** Where the options came from, so that errors name a flag or an Action input. Default: cli. */
  surface?: 'cli' | 'action';
}

/**
 * The slices of Options the layers below take, so each says what it depends on and can be built
 * without a whole run's settings (a test, the bench, another entrypoint).
 */
/**
 * A migration tool's: where the project is, which folders, the Python that runs Alembic or Django,
 * and the engines (pop keeps one file per database, so its history depends on them).
 */
export type MigratorSettings = Pick<Options, 'cwd' | 'tool' | 'migrations' | 'python' | 'engines'>;
/** A model source's (drift): the migrator's, plus the models, the command and the time limit. */
export type ModelSettings = MigratorSettings &
  Pick<Options, 'models' | 'modelsCommand' | 'engines' | 'timeoutMs'>;

/** `--rows`: a whole number of rows per seeded table, 0 (off) to 10000. */
export function parseRows(text: string, where = '--rows'): number {
  const rows = Number(text);
  if (!(text.trim() !== '' && Number.isInteger(rows) && rows >= 0 && rows <= 10000))
    throw new UsageError(`${where} is '${text}': expected a whole number of rows from 0 (off) to 10000`);
  return rows;
}

export const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * `auto` (or nothing) is null; otherwise a whole number of lanes, at most 8: each lane holds about
 * five connections to the server. `where` names the flag or key.
 */
export function parseLanes(text: string | null | undefined, where: string): number | null {
  if (text === null || text === undefined || text === '' || text === 'auto') return null;
  const lanes = Number(text);
  if (!(Number.isInteger(lanes) && lanes >= 1 && lanes <= 8))
    throw new UsageError(`${where} is '${text}': expected auto or a whole number from 1 to 8`);
  return lanes;
}

/** `--shard I/N`: 1 <= I <= N <= 64 (a matrix has at most 256 jobs, shared with the engines). */
export function parseShard(text: string, where = '--shard'): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !(index >= 1 && count >= 1 && index <= count && count <= 64))
    throw new UsageError(
      `${where} is '${text}': expected I/N, the I-th of N parts of the history (1/2 and 2/2 in two jobs), N at most 64`,
    );
  return { index, count };
}
