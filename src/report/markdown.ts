/**
 * The report as markdown: the sticky pull request comment and the job summary. Both read only the
 * Report (and, for the comment, the few facts of where it is posted), so a report written to a file
 * renders the same comment later.
 *
 * Size: a comment is at most 65,536 characters, a job summary 1 MiB. Each rendering is tried at
 * four levels of detail; the first that fits wins. Every level keeps the headline, the status table
 * and every failure; they differ in how much SQL, how many differences and which passing migrations
 * they show.
 */
import { commentMarker } from './comment-marker.js';
import { type Across, acrossLine, acrossSection, migrationsAcross } from './markdown-across.js';
import { driftDifferences, driftHeading, driftSql } from './markdown-differences.js';
import { code, details, escapeText, link, plural } from './markdown-escape.js';
import {
  type Block,
  characters,
  cutLines,
  fitBlocks,
  type Measure,
  opt,
  req,
  utf8Bytes,
} from './markdown-fit.js';
import {
  COMPACT_LIMITS,
  FULL_LIMITS,
  migrationLine,
  migrationSection,
  migrationSql,
  notRunLine,
} from './markdown-migration.js';
import { engineLabel, headline, icon, isClean, scopeLine, statusTable } from './markdown-status.js';
import type { EngineReport, Finding, MigrationReport, Report } from './model.js';

export interface CommentContext {
  /**
   * Which configuration (working directory, engines, matrix leg) this comment is for: one comment
   * each. Defaults to the report's own `configKey`, then `default`.
   */
  configKey?: string | null;
  /** The workflow run; defaults to `report.pullRequest.runUrl`. */
  runUrl?: string | null;
}

// Where the comment is found again; the Action and `schemagate comment` need it without rendering.
export { commentMarker, sanitizeConfigKey } from './comment-marker.js';

export const COMMENT_LIMIT = 65_536;
export const SUMMARY_LIMIT = 1024 * 1024;

type Mode = 'comment' | 'summary';
type Level = 0 | 1 | 2 | 3;

interface Render {
  mode: Mode;
  level: Level;
  runUrl: string | null;
}

function notice(r: Render): string {
  if (r.mode === 'comment') {
    return `> [!NOTE]\n> Shortened to fit GitHub's 65,536-character comment limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the ${link('job summary', r.runUrl)}.`;
  }
  return "> [!NOTE]\n> Shortened to fit the 1 MiB job summary limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the JSON file of the action's `report` output.";
}

function findingLine(f: Finding, max: number): string {
  const where = f.file ? ` · ${code(f.file, 200)}` : f.migration ? ` · ${code(f.migration, 200)}` : '';
  return `- ${icon(f.severity === 'error' ? 'fail' : 'warn')} **${escapeText(f.kind, 80)}**${where}: ${escapeText(f.message, max)}`;
}

function findingBlocks(findings: Finding[], title: string, r: Render): Block[] {
  if (findings.length === 0) return [];
  const max = [1000, 400, 200, 120][r.level]!;
  const errors = findings.filter((f) => f.severity === 'error').map((f) => findingLine(f, max));
  const warnings = findings.filter((f) => f.severity !== 'error').map((f) => findingLine(f, max));
  const blocks: Block[] = [req(`#### ${title}`)];
  if (errors.length > 0) blocks.push(req(errors.join('\n')));
  if (warnings.length > 0)
    blocks.push(r.level === 0 ? req(warnings.join('\n')) : opt(warnings.join('\n'), r.level === 1 ? 2 : 5));
  return blocks;
}

const isProblem = (m: MigrationReport) => m.status === 'fail' || m.status === 'warn';

function migrationBlocks(m: MigrationReport, r: Render): Block[] {
  if (r.level === 0) return [req(migrationSection(m, FULL_LIMITS))];
  if (!isProblem(m)) {
    // Passing migrations only come back when there is room, with their SQL shortened.
    return r.level === 1
      ? [opt(migrationSection(m, { ...FULL_LIMITS, sql: 6_000, differences: 20 }), 3)]
      : [];
  }
  if (r.level === 1) return [req(migrationSection(m, COMPACT_LIMITS)), opt(migrationSql(m, 6_000), 1)];
  return [req(migrationLine(m, r.level === 2 ? 240 : 0))];
}

function driftBlocks(e: EngineReport, r: Render): Block[] {
  const drift = e.drift;
  if (!drift) return [];
  const head = driftHeading(engineLabel(e), drift);
  if (drift.differences.length === 0) return [req(head)];
  if (r.level === 0)
    return [req(`${head}\n\n${driftDifferences(drift.differences, 500)}`), req(driftSql(drift.sql, 100_000))];
  if (r.level === 1)
    return [
      req(`${head}\n\n${driftDifferences(drift.differences, 25, 160)}`),
      opt(driftSql(drift.sql, 8_000), 2),
    ];
  if (r.level === 2) return [req(`${head}\n\n${driftDifferences(drift.differences, 5, 100)}`)];
  return [req(head)];
}

function engineBlocks(e: EngineReport, r: Render): Block[] {
  const blocks: Block[] = [req(`### ${icon(e.status)} ${engineLabel(e)}`)];
  if (e.error) blocks.push(req(`> [!CAUTION]\n> Not checked: ${escapeText(e.error, 1000)}`));
  // The comment shows what the pull request touches and every problem; the summary shows everything.
  const shown = e.migrations.filter(
    (m) => m.status !== 'not-run' && (r.mode === 'summary' || m.changed || isProblem(m)),
  );
  if (r.level === 3) {
    // Shortest form: the failures as one list, so that hundreds of them still fit.
    const lines = shown.filter(isProblem).map((m) => migrationLine(m, 0));
    if (lines.length > 0) blocks.push(req(lines.join('\n')));
  } else for (const m of shown) blocks.push(...migrationBlocks(m, r));
  const notRun = notRunLine(e.migrations.filter((m) => m.status === 'not-run'));
  if (notRun) blocks.push(req(notRun));
  blocks.push(...driftBlocks(e, r));
  blocks.push(...findingBlocks(e.findings, `Findings on ${engineLabel(e)}`, r));
  return blocks;
}

/**
 * Several engines (markdown-across.ts): each migration once with a column per engine, then what
 * belongs to each engine (what did not run, drift, findings); drift that is the same on every
 * engine is shown once.
 */
function acrossBlocks(report: Report, r: Render): Block[] {
  const blocks: Block[] = [];
  for (const e of report.engines) {
    if (e.error)
      blocks.push(req(`> [!CAUTION]\n> ${engineLabel(e)} not checked: ${escapeText(e.error, 1000)}`));
  }
  const problem = (a: Across) => a.results.some((x) => x.m !== null && isProblem(x.m));
  const shown = migrationsAcross(report).filter(
    (a) =>
      a.results.some((x) => x.m !== null && x.m.status !== 'not-run') &&
      (r.mode === 'summary' || a.results.some((x) => x.m?.changed) || problem(a)),
  );
  if (r.level === 3) {
    const lines = shown.filter(problem).map((a) => acrossLine(a, 0));
    if (lines.length > 0) blocks.push(req(lines.join('\n')));
  } else {
    for (const a of shown) {
      if (r.level === 0) blocks.push(req(acrossSection(a, FULL_LIMITS)));
      else if (!problem(a)) {
        if (r.level === 1)
          blocks.push(opt(acrossSection(a, { ...FULL_LIMITS, sql: 6_000, differences: 20 }), 3));
      } else if (r.level === 1) blocks.push(req(acrossSection(a, COMPACT_LIMITS)));
      else blocks.push(req(acrossLine(a, 240)));
    }
  }
  const notRun = report.engines.map((e) => notRunLine(e.migrations.filter((m) => m.status === 'not-run')));
  if (notRun[0] && notRun.every((line) => line === notRun[0]))
    blocks.push(req(`*On every engine:* ${notRun[0]}`));
  else
    report.engines.forEach((e, i) => {
      if (notRun[i]) blocks.push(req(`*On ${engineLabel(e)}:* ${notRun[i]}`));
    });
  const drifts = report.engines.map((e) => e.drift);
  const first = drifts[0];
  const sameDrift =
    first != null &&
    first.differences.length > 0 &&
    drifts.every(
      (d) =>
        d != null &&
        d.status === first.status &&
        JSON.stringify(d.differences) === JSON.stringify(first.differences),
    );
  if (sameDrift) {
    const head = driftHeading('every engine', first);
    const limit = [500, 25, 5, 0][r.level]!;
    blocks.push(req(limit > 0 ? `${head}\n\n${driftDifferences(first.differences, limit, 160)}` : head));
    if (r.level < 2) {
      for (const e of report.engines)
        blocks.push(
          opt(`*On ${engineLabel(e)}:*\n\n${driftSql(e.drift!.sql, r.level === 0 ? 100_000 : 8_000)}`, 2),
        );
    }
  } else for (const e of report.engines) blocks.push(...driftBlocks(e, r));
  for (const e of report.engines)
    blocks.push(...findingBlocks(e.findings, `Findings on ${engineLabel(e)}`, r));
  return blocks;
}

function footer(report: Report, r: Render): string {
  const bits: string[] = [];
  if (r.runUrl) bits.push(link('Workflow run', r.runUrl));
  if (report.pullRequest?.headSha) bits.push(`commit ${code(report.pullRequest.headSha.slice(0, 7))}`);
  if (r.mode === 'comment') bits.push('full report in the job summary');
  bits.push('schemagate');
  return `---\n<sub>${bits.join(' · ')}</sub>`;
}

/** All passing: the headline, one line per engine, the new migrations' SQL collapsed. */
/** The tool's notes, once for the whole report (a tool without downs), not per migration. */
function noteBlocks(report: Report): Block[] {
  return (report.notes ?? []).map((note) => req(`ℹ️ ${escapeText(note, 1_000)}`));
}

function briefBlocks(report: Report): Block[] {
  const blocks: Block[] = [req(scopeLine(report)), ...noteBlocks(report)];
  for (const e of report.engines) {
    if (e.drift)
      blocks.push(
        req(`✅ No drift on ${engineLabel(e)} against the models built from ${code(e.drift.source, 300)}.`),
      );
  }
  for (const e of report.engines) {
    const changed = e.migrations.filter((m) => m.changed && m.sql.up.length + m.sql.down.length > 0);
    if (changed.length === 0) continue;
    const body = changed.map((m) => `**${code(m.name)}**\n\n${migrationSql(m, 8_000)}`).join('\n\n');
    const title = `SQL of the ${plural(changed.length, 'migration')} this pull request adds or changes · ${engineLabel(e)}`;
    blocks.push(opt(details(title, body), 1));
  }
  return blocks;
}

function blocksAt(report: Report, r: Render, configKey: string | null | undefined): Block[] {
  const blocks: Block[] = [];
  if (r.mode === 'comment') blocks.push(req(commentMarker(configKey ?? report.configKey ?? 'default')));
  blocks.push(req(`### ${headline(report)}`));
  if (r.level > 0) blocks.push(req(notice(r)));
  if (r.mode === 'comment' && isClean(report)) {
    blocks.push(...briefBlocks(report));
  } else {
    blocks.push(req(`${statusTable(report)}\n\n${scopeLine(report)}`));
    blocks.push(...noteBlocks(report));
    if (report.engines.length > 1) blocks.push(...acrossBlocks(report, r));
    else for (const e of report.engines) blocks.push(...engineBlocks(e, r));
    blocks.push(...findingBlocks(report.findings, 'Findings', r));
  }
  blocks.push(req(footer(report, r)));
  return blocks;
}

function render(report: Report, mode: Mode, limit: number, measure: Measure, ctx: CommentContext): string {
  const runUrl = ctx.runUrl ?? report.pullRequest?.runUrl ?? null;
  for (const level of [0, 1, 2, 3] as const) {
    const result = fitBlocks(blocksAt(report, { mode, level, runUrl }, ctx.configKey), limit, measure);
    if (result) return result.text;
  }
  // Hundreds of failures with long names: even one line each does not fit. Cut the list itself.
  const lines = blocksAt(report, { mode, level: 3, runUrl }, ctx.configKey);
  const all = lines.map((b) => b.text).join('\n\n');
  return cutLines(
    all,
    limit,
    measure,
    (hidden) => `…and ${plural(hidden, 'more failure')}: see the job summary.`,
  );
}

/** The sticky pull request comment, at most `limit` characters (GitHub's limit by default). */
export function renderComment(report: Report, ctx: CommentContext = {}, limit = COMMENT_LIMIT): string {
  return render(report, 'comment', limit, characters, ctx);
}

/** The job summary: the full report, every migration, at most `limit` UTF-8 bytes. */
export function renderSummary(report: Report, limit = SUMMARY_LIMIT): string {
  return render(report, 'summary', limit, utf8Bytes, {});
}
