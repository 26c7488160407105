/**
 * `schemagate merge`: a CI matrix's reports (one per engine, version or `--shard I/N`) joined into
 * one Report, with one verdict. The legs' reports are read back as results (what the checks found)
 * and the Report is assembled again by assembleReport, so every status and the verdict come from
 * the one place they always do; nothing here decides one.
 *
 * - Legs of different engines or versions: one engine section each, as a run with several engines.
 * - Shards of one engine and version: their parts concatenated in order, into what one job that
 *   checked the whole history found. Shard k must have started from the schema shard k-1 ended
 *   with (ShardInfo fingerprints), as a lane must (checks/lanes.ts); where not, the engine is
 *   marked as not checked rather than given a verdict one job might not have reached.
 * - The same engine and version twice, not as shards: refused (two legs ran the same thing, or a
 *   report was passed twice).
 */
import { ConfigError } from '../errors.js';
import type { FailOnKind } from '../vocabulary/fail-on.js';
import { type Assembled, assembleReport, type PrFacts } from './assemble.js';
import { historyDigest } from './history-digest.js';
import type { EngineReport, Finding, Report, ShardInfo } from './model.js';
import type { EngineResult, MigrationResult, RunResults } from './results.js';

export interface MergeInput {
  /** What the user named it (a file path): errors say which report is wrong. */
  name: string;
  report: Report;
}

export interface MergeOptions {
  failOn: ReadonlySet<FailOnKind>;
  /** The merged comment's configuration key; default: `<working directory>:merged`. */
  configKey?: string | null;
}

export function mergeReports(inputs: MergeInput[], options: MergeOptions): Assembled {
  if (inputs.length === 0) throw new ConfigError('nothing to merge: pass the legs’ report files');
  const first = inputs[0]!;
  for (const { name, report } of inputs) {
    if (report.tool !== first.report.tool)
      throw new ConfigError(
        `${name} was written by a run of ${report.tool}, ${first.name} by one of ${first.report.tool}: merge the reports of one project’s matrix only`,
      );
  }
  const prs = new Set(inputs.map((i) => i.report.pullRequest?.number).filter((n) => n != null));
  if (prs.size > 1)
    throw new ConfigError(
      `the reports are for different pull requests (#${[...prs].join(', #')}): merge one pull request’s matrix only`,
    );

  const groups = new Map<string, Array<{ name: string; engine: EngineReport }>>();
  for (const { name, report } of inputs) {
    for (const engine of report.engines) {
      const key = `${engine.engine} ${engine.version}`;
      groups.set(key, [...(groups.get(key) ?? []), { name, engine }]);
    }
  }
  // In one order whatever order the artifacts were downloaded in: by engine, then version.
  const engines = [...groups.entries()]
    .map(([label, legs]) => joinLegs(label, legs))
    .sort(
      (a, b) =>
        (a.engine < b.engine ? -1 : a.engine > b.engine ? 1 : 0) ||
        a.version.localeCompare(b.version, 'en', { numeric: true }),
    );

  const starts = inputs.map((i) => Date.parse(i.report.startedAt)).filter(Number.isFinite);
  const ends = inputs
    .map((i) => Date.parse(i.report.startedAt) + i.report.durationMs)
    .filter(Number.isFinite);
  const results: RunResults = {
    tool: first.report.tool,
    cwd: first.report.cwd,
    startedAt: starts.length > 0 ? new Date(Math.min(...starts)).toISOString() : first.report.startedAt,
    // Wall clock of the matrix: its legs ran at once.
    durationMs: ends.length > 0 ? Math.max(...ends) - Math.min(...starts) : first.report.durationMs,
    engines,
    findings: unique(inputs.flatMap((i) => i.report.findings)),
  };
  // The tool's notes (a tool without downs) are the same on every leg: said once.
  const notes = [...new Set(inputs.flatMap((i) => i.report.notes ?? []))];
  if (notes.length > 0) results.notes = notes;
  const pullRequest = inputs.find((i) => i.report.pullRequest)?.report.pullRequest;
  // changedPaths null: each migration keeps the `changed` its leg gave it, and the legs' pull
  // request findings are already among their findings.
  const prFacts: PrFacts | null = pullRequest ? { pullRequest, changedPaths: null, findings: [] } : null;
  return assembleReport(
    results,
    prFacts,
    { failOn: options.failOn },
    {
      configKey: options.configKey ?? mergedKey(inputs.map((i) => i.report.configKey)),
    },
  );
}

/** `api:postgres:16` and `api:mysql:8.4` give `api:merged`: one comment per working directory. */
function mergedKey(keys: Array<string | null | undefined>): string {
  // Reports the CLI wrote have no key: `merged`, as `check --markdown` uses `cli`.
  const dirs = new Set(keys.map((k) => (k ? k.split(':')[0] : null)));
  const [dir] = [...dirs];
  return dirs.size === 1 && dir ? `${dir}:merged` : 'merged';
}

/** Findings that several legs report alike (a tool finding, a pull request finding) once. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.kind, f.severity, f.message, f.file ?? null, f.migration ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An engine section back into what its checks found; assembleReport derives the statuses again. */
function asResult(e: EngineReport): EngineResult {
  return {
    engine: e.engine,
    version: e.version,
    provider: e.provider,
    durationMs: e.durationMs,
    migrations: e.migrations.map(
      (m): MigrationResult => ({
        id: m.id,
        name: m.name,
        file: m.file,
        changed: m.changed,
        checks: m.checks,
        sql: m.sql,
        ...(m.output ? { output: m.output } : {}),
      }),
    ),
    drift: e.drift ?? null,
    findings: e.findings,
    ...(e.error ? { error: e.error } : {}),
  };
}

function joinLegs(label: string, legs: Array<{ name: string; engine: EngineReport }>): EngineResult {
  const sharded = legs.filter((l) => l.engine.shard);
  if (legs.length === 1 && sharded.length === 0) return asResult(legs[0]!.engine);
  if (sharded.length !== legs.length) {
    const names = legs.map(
      (l) => `${l.name}${l.engine.shard ? ` (shard ${shardName(l.engine.shard)})` : ''}`,
    );
    throw new ConfigError(
      `${label} is in more than one report (${names.join(', ')}), not as the N shards of one history: give each engine and version one matrix leg, or run its legs with --shard I/N`,
    );
  }
  return joinShards(label, legs as Array<{ name: string; engine: EngineReport & { shard: ShardInfo } }>);
}

const shardName = (s: ShardInfo) => `${s.index}/${s.count}`;

function joinShards(
  label: string,
  legs: Array<{ name: string; engine: EngineReport & { shard: ShardInfo } }>,
): EngineResult {
  const { count, total, history } = legs[0]!.engine.shard;
  const refuse = (what: string) =>
    new ConfigError(`${label}: ${what}: pass the reports of all ${count} shards of one run, each once`);
  for (const { name, engine } of legs) {
    const s = engine.shard;
    if (s.count !== count || s.total !== total || s.history !== history)
      throw refuse(
        `${name} is shard ${shardName(s)} of a history of ${s.total} migrations, ${legs[0]!.name} shard ${shardName(legs[0]!.engine.shard)} of ${total}${s.history !== history ? ' (a different list of migrations)' : ''}`,
      );
    if (engine.migrations.length !== s.to - s.from)
      throw refuse(`${name} lists ${engine.migrations.length} migrations for its part ${s.from + 1}-${s.to}`);
  }
  const byIndex = new Map<number, (typeof legs)[number]>();
  for (const leg of legs) {
    const twice = byIndex.get(leg.engine.shard.index);
    if (twice) throw refuse(`shard ${shardName(leg.engine.shard)} is in both ${twice.name} and ${leg.name}`);
    byIndex.set(leg.engine.shard.index, leg);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw refuse(`shard ${missing.map((i) => `${i}/${count}`).join(', ')} is missing`);
  const ordered = Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
  ordered.forEach(({ name, engine }, i) => {
    const expected = i === 0 ? 0 : ordered[i - 1]!.engine.shard.to;
    if (engine.shard.from !== expected || (i === count - 1 && engine.shard.to !== total))
      throw refuse(
        `${name} checked migrations ${engine.shard.from + 1}-${engine.shard.to}, which do not follow on`,
      );
  });

  if (historyDigest(ordered.flatMap((l) => l.engine.migrations.map((m) => m.id))) !== history)
    throw refuse('their migrations, joined, are not the history they say they were split from');

  // Where a lane re-checks, shards cannot: a shard that did not start where the one before it
  // ended (both null: neither got there, after an up failed) gets no verdict.
  const seams = ordered
    .slice(1)
    .filter((leg, i) => leg.engine.shard.start !== ordered[i]!.engine.shard.end)
    .map((leg) => leg.engine.shard);
  const last = ordered[count - 1]!.engine;
  const error = [
    ...ordered.map((l) => l.engine.error).filter((e): e is string => !!e),
    ...seams.map(
      (s) =>
        `shard ${shardName(s)} started from a different schema than shard ${s.index - 1}/${count} ended with (from migration ${s.from + 1}), so the shards do not add up to one run: check ${label} without --shard, or with fewer shards`,
    ),
  ].join('; ');
  return {
    ...asResult(last),
    provider: ordered[0]!.engine.provider,
    durationMs: Math.max(...ordered.map((l) => l.engine.durationMs)),
    migrations: ordered.flatMap((l) => asResult(l.engine).migrations),
    findings: unique(ordered.flatMap((l) => l.engine.findings)),
    ...(error ? { error } : {}),
  };
}
