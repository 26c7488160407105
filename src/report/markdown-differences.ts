/**
 * Schema differences in markdown: a table for a round trip or re-apply, and the drift section
 * (differences grouped by table, in words: "migrations give X, models say Y", then the DDL).
 */
import { warningNote } from '../schema/diff-render.js';
import type { Difference } from '../schema/difference.js';
import { COLLECTION_NOUN } from '../schema/model.js';
import { code, escapeText, plural, table } from './markdown-escape.js';
import { sqlBlock } from './markdown-sql.js';
import { icon } from './markdown-status.js';
import type { CheckName, DriftReport, DriftStatement } from './model.js';

/** What `from` and `to` of each check's differences are, in the reviewer's words. */
export function differenceLabels(check: CheckName): [from: string, to: string] {
  if (check === 'round-trip') return ['before up', 'after down'];
  if (check === 're-apply') return ['after first up', 'after re-apply'];
  return ['before', 'after'];
}

function value(text: string | null | undefined, max: number): string {
  return text === null || text === undefined ? '' : code(text, max);
}

function more(hidden: number): string {
  return hidden > 0 ? `\n\n…and ${plural(hidden, 'more difference')}: see the job summary.` : '';
}

/** Object | Attribute | from | to. An added object is absent on the `from` side, and so on. */
export function differencesTable(
  diffs: Difference[],
  check: CheckName,
  limit: number,
  valueMax = 300,
): string {
  const [from, to] = differenceLabels(check);
  const rows = diffs.slice(0, limit).map((d) => {
    const object = code(d.object, 200);
    if (d.change === 'added') return [object, 'exists', '*absent*', value(d.after, valueMax) || 'present'];
    if (d.change === 'removed') return [object, 'exists', value(d.before, valueMax) || 'present', '*absent*'];
    const note = warningNote(d);
    return [
      object,
      // A warning-level difference (column order) is marked, so it reads apart from the failures.
      note === null
        ? escapeText(d.attribute ?? 'definition', 100)
        : `⚠️ ${escapeText(d.attribute ?? 'definition', 100)} (${escapeText(note, 100)})`,
      value(d.before, valueMax) || '*none*',
      value(d.after, valueMax) || '*none*',
    ];
  });
  return (
    table(['Object', 'Attribute', escapeText(from), escapeText(to)], ['l', 'l', 'l', 'l'], rows) +
    more(diffs.length - limit)
  );
}

/** One drift difference as a sentence. Drift is `diff(migrated, models)`: `before` is the migrations' side. */
function driftLine(d: Difference, valueMax: number): string {
  const object = code(d.object, 200);
  if (d.change === 'added') {
    return `${object}: the models have it, the migrations do not${d.after ? ` (${code(d.after, valueMax)})` : ''}`;
  }
  if (d.change === 'removed') {
    return `${object}: the migrations create it, the models do not${d.before ? ` (${code(d.before, valueMax)})` : ''}`;
  }
  const give = d.before ? code(d.before, valueMax) : '*none*';
  const say = d.after ? code(d.after, valueMax) : '*none*';
  return `${object} ${escapeText(d.attribute ?? 'definition', 100)}: migrations give ${give}, models say ${say}`;
}

/** Differences grouped by their top-level object (`table public.users`), in report order. */
export function driftDifferences(diffs: Difference[], limit: number, valueMax = 300): string {
  const groups = new Map<string, { title: string; lines: string[] }>();
  for (const d of diffs.slice(0, limit)) {
    const id = `${d.parent.collection}\u0000${d.parent.key}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        title: `${escapeText(COLLECTION_NOUN[d.parent.collection] ?? d.parent.collection, 40)} ${code(d.parent.key, 200)}`,
        lines: [],
      };
      groups.set(id, group);
    }
    group.lines.push(`- ${driftLine(d, valueMax)}`);
  }
  const blocks = [...groups.values()].map((g) => `**${g.title}**\n\n${g.lines.join('\n')}`);
  return blocks.join('\n\n') + more(diffs.length - limit);
}

/** A destructive statement gets a comment line above it, inside the block where it is read. */
function statementText(s: DriftStatement): string {
  return s.destructive ? `-- ⚠️ DESTRUCTIVE: this statement loses data\n${s.sql.trim()}` : s.sql;
}

/** The DDL that turns the migrated schema into the models' schema, destructive statements marked. */
export function driftSql(statements: DriftStatement[], max = Number.POSITIVE_INFINITY): string {
  const destructive = statements.filter((s) => s.destructive).length;
  const title = `SQL that brings the migrations to the models${destructive > 0 ? ` (⚠️ ${plural(destructive, 'destructive statement')})` : ''}`;
  return `**${title}**\n\n${sqlBlock(statements.map(statementText), max)}`;
}

export function driftHeading(engineLabel: string, drift: DriftReport): string {
  const what =
    drift.differences.length === 0
      ? 'no drift'
      : `${plural(drift.differences.length, 'difference')} between the migrations and the models`;
  return `#### ${icon(drift.status)} Drift on ${engineLabel}: ${what}\n\nModels built from ${code(drift.source, 300)}.`;
}
