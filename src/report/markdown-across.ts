/**
 * A report with several engines (a run with several `--engine`s, or a matrix merged by `schemagate
 * merge`), one migration at a time: each migration once, its checks in one table with a column per
 * engine, and what is the same on every engine (differences, SQL, the failing statement) shown
 * once. A reviewer then reads "the round trip fails everywhere" instead of the same section per
 * engine. The per-engine parts that are not about one migration (drift, findings, what did not
 * run) stay under each engine (markdown.ts).
 */

import { code, escapeText, table } from './markdown-escape.js';
import { fixBlocks } from './markdown-fix.js';
import {
  checkDetail,
  checkTitle,
  differenceBlocks,
  failedStatements,
  type MigrationLimits,
  migrationLine,
  outputDetails,
  rehearsalBlocks,
  sqlDetails,
} from './markdown-migration.js';
import { engineLabel, icon } from './markdown-status.js';
import type { CheckName, EngineReport, MigrationReport, Report } from './model.js';

/** One migration on every engine: `null` where an engine does not list it. */
export interface Across {
  id: string;
  results: Array<{ engine: EngineReport; m: MigrationReport | null }>;
}

const RANK: Record<MigrationReport['status'], number> = { fail: 3, warn: 2, pass: 1, 'not-run': 0 };

/** The worst of its statuses: what the migration's heading shows. */
export function worst(a: Across): MigrationReport {
  const listed = a.results.flatMap((r) => (r.m ? [r.m] : []));
  return listed.reduce((w, m) => (RANK[m.status] > RANK[w.status] ? m : w));
}

/** Every migration any engine lists, in the order the engines list them. */
export function migrationsAcross(report: Report): Across[] {
  const ids: string[] = [];
  for (const e of report.engines) for (const m of e.migrations) if (!ids.includes(m.id)) ids.push(m.id);
  return ids.map((id) => ({
    id,
    results: report.engines.map((engine) => ({
      engine,
      m: engine.migrations.find((m) => m.id === id) ?? null,
    })),
  }));
}

/**
 * A part rendered per engine, shown once when every engine renders it alike (`same` then heads
 * it), else under each engine's name.
 */
function perEngine(a: Across, render: (m: MigrationReport) => string[], same: string | null): string[] {
  const parts = a.results.map((r) => ({
    label: engineLabel(r.engine),
    text: r.m ? render(r.m).join('\n\n') : '',
  }));
  const shown = parts.filter((p) => p.text !== '');
  if (shown.length === 0) return [];
  if (shown.length === parts.length && shown.every((p) => p.text === shown[0]!.text))
    return [same ? `${same}\n\n${shown[0]!.text}` : shown[0]!.text];
  return shown.map((p) => `*On ${p.label}:*\n\n${p.text}`);
}

function checksTable(a: Across): string {
  const names: CheckName[] = [];
  for (const r of a.results)
    for (const c of r.m?.checks ?? []) if (!names.includes(c.check)) names.push(c.check);
  const rows = names.map((name) => [
    escapeText(checkTitle(name)),
    ...a.results.map((r) => {
      const c = r.m?.checks.find((x) => x.check === name);
      if (!c) return '➖';
      const detail = checkDetail(c, 300, true);
      return `${icon(c.status)} ${escapeText(c.status, 20)}${detail ? `<br>${detail}` : ''}`;
    }),
  ]);
  return table(
    ['Check', ...a.results.map((r) => engineLabel(r.engine))],
    ['l', ...a.results.map(() => 'l' as const)],
    rows,
  );
}

/** The migration's section across engines; `limits.sql` 0 leaves out the SQL and the output. */
export function acrossSection(a: Across, limits: MigrationLimits): string {
  const m = worst(a);
  const file = m.file && m.file !== m.name ? `\n\n${code(m.file)}` : '';
  const parts = [
    `#### ${icon(m.status)} ${code(m.name)}${m.changed ? '' : ' *(unchanged)*'}${file}`,
    checksTable(a),
    ...perEngine(a, rehearsalBlocks, null),
    ...perEngine(a, (x) => failedStatements(x, limits.statement), null),
  ];
  if (limits.sql > 0) {
    parts.push(...perEngine(a, (x) => outputDetails(x, limits.statement), null));
    parts.push(...perEngine(a, (x) => sqlDetails(x, limits.sql), null));
  }
  parts.push(
    ...perEngine(a, (x) => differenceBlocks(x, limits.differences, limits.value), '*On every engine:*'),
  );
  // The SQL a bad down is missing: each engine's own dialect, shown once where they agree.
  parts.push(
    ...perEngine(
      a,
      (x) => fixBlocks(x, limits.sql > 0 ? limits.sql : limits.statement),
      '*On every engine:*',
    ),
  );
  return parts.join('\n\n');
}

/** One list item: the worst result's line, and the engines it failed or warned on. */
export function acrossLine(a: Across, max: number): string {
  const on = a.results
    .filter((r) => r.m && (r.m.status === 'fail' || r.m.status === 'warn'))
    .map((r) => engineLabel(r.engine));
  const where = on.length === a.results.length ? 'every engine' : on.join(', ');
  return `${migrationLine(worst(a), max)}${on.length > 0 ? ` · on ${where}` : ''}`;
}
