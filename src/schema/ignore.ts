/**
 * `--ignore` patterns: objects that drift leaves out on both sides (extensions' tables, objects other
 * tools create, tables the models do not own). The syntax, documented in docs/drift.md:
 *
 *   [KIND:]PATTERN
 *   PATTERN = NAME | SCHEMA.NAME                    for schemas, extensions, enums, types, sequences,
 *                                                   tables, views and routines
 *           = TABLE.NAME | SCHEMA.TABLE.NAME        for columns, constraints, indexes, triggers, policies
 *
 * `*` matches any run of characters except `.`, `?` one such character. A pattern with no schema part
 * matches in every schema; MySQL/MariaDB objects have no schema, so only `*.` (or no schema part)
 * matches them. Without a KIND the pattern matches top-level objects of every kind.
 */
import { ENGINES } from '../dialects/registry.js';
import { UsageError } from '../errors.js';
import type { Schema, SchemaCollection, Table } from './model.js';

const TOP_KINDS: Record<string, SchemaCollection> = {
  schema: 'namespaces',
  extension: 'extensions',
  enum: 'enums',
  type: 'types',
  domain: 'types',
  sequence: 'sequences',
  table: 'tables',
  view: 'views',
  routine: 'routines',
  function: 'routines',
  procedure: 'routines',
};

const SUB_KINDS = {
  column: 'columns',
  constraint: 'constraints',
  index: 'indexes',
  trigger: 'triggers',
  policy: 'policies',
} as const;
type SubKind = keyof typeof SUB_KINDS;

export interface IgnoreRule {
  /** The pattern as the user wrote it, for messages. */
  source: string;
  /** Top-level collection, or null for "any collection". */
  collection: SchemaCollection | null;
  sub: SubKind | null;
  schema: RegExp | null;
  name: RegExp;
  /** For sub-objects: the sub-object's name. */
  member: RegExp | null;
}

function glob(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^.]*')
    .replace(/\?/g, '[^.]');
  return new RegExp(`^${body}$`);
}

export function parseIgnore(patterns: string[]): IgnoreRule[] {
  return patterns.map((source) => {
    const m = /^([a-z]+):(.*)$/.exec(source.trim());
    const kind = m ? m[1]! : null;
    const rest = m ? m[2]! : source.trim();
    if (kind !== null && !(kind in TOP_KINDS) && !(kind in SUB_KINDS)) {
      throw new UsageError(`--ignore ${source}: unknown kind '${kind}'`, {
        hint: `use one of ${[...Object.keys(TOP_KINDS), ...Object.keys(SUB_KINDS)].join(', ')}`,
      });
    }
    const parts = rest.split('.');
    if (rest === '' || parts.some((p) => p === '')) {
      throw new UsageError(`--ignore ${source}: empty name`, {
        hint: 'write e.g. public.spatial_ref_sys or *.audit_*',
      });
    }
    if (kind !== null && kind in SUB_KINDS) {
      if (parts.length < 2 || parts.length > 3) {
        throw new UsageError(`--ignore ${source}: a ${kind} pattern is TABLE.NAME or SCHEMA.TABLE.NAME`);
      }
      const member = parts.pop()!;
      return {
        source,
        collection: 'tables',
        sub: kind as SubKind,
        schema: parts.length === 2 ? glob(parts[0]!) : null,
        name: glob(parts.at(-1)!),
        member: glob(member),
      };
    }
    if (parts.length > 2) throw new UsageError(`--ignore ${source}: expected NAME or SCHEMA.NAME`);
    return {
      source,
      collection: kind ? TOP_KINDS[kind]! : null,
      sub: null,
      schema: parts.length === 2 ? glob(parts[0]!) : null,
      name: glob(parts.at(-1)!),
      member: null,
    };
  });
}

/** Schema and name of a top-level object, whatever its collection. */
function identify(
  schema: Schema,
  collection: SchemaCollection,
  key: string,
  value: unknown,
): { schema: string; name: string } {
  const v = value as { schema?: string; name?: string };
  if (collection === 'namespaces' || collection === 'extensions') return { schema: '', name: key };
  // MySQL's "schema" is the (throwaway, randomly named) database: never part of a pattern.
  return { schema: schemaOf(schema, v.schema), name: v.name ?? key };
}

function schemaOf(schema: Schema, ns: string | undefined): string {
  return ENGINES[schema.engine].schemaQualified ? (ns ?? '') : '';
}

function matchesTop(rule: IgnoreRule, schema: string, name: string): boolean {
  if (rule.schema && !rule.schema.test(schema)) return false;
  return rule.name.test(name);
}

/** A copy of `schema` without the objects the rules match. */
export function applyIgnore(schema: Schema, rules: IgnoreRule[]): Schema {
  if (rules.length === 0) return schema;
  const out: Schema = { ...schema };
  const topRules = rules.filter((r) => r.sub === null);
  const subRules = rules.filter((r) => r.sub !== null);
  for (const collection of Object.values(TOP_KINDS)) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema[collection])) {
      const { schema: ns, name } = identify(schema, collection, key, value);
      const drop = topRules.some(
        (r) => (r.collection === null || r.collection === collection) && matchesTop(r, ns, name),
      );
      if (!drop) kept[key] = value;
    }
    (out as unknown as Record<string, unknown>)[collection] = kept;
  }
  if (subRules.length) {
    const tables: Record<string, Table> = {};
    for (const [key, table] of Object.entries(out.tables)) {
      const rules = subRules.filter((r) => matchesTop(r, schemaOf(schema, table.schema), table.name));
      tables[key] = rules.length ? withoutMembers(table, rules) : table;
    }
    out.tables = tables;
    const views: Schema['views'] = {};
    for (const [key, view] of Object.entries(out.views)) {
      const rules = subRules.filter(
        (r) => r.sub === 'index' && matchesTop(r, schemaOf(schema, view.schema), view.name),
      );
      views[key] = rules.length
        ? { ...view, indexes: filterRecord(view.indexes, (n) => !rules.some((r) => r.member!.test(n))) }
        : view;
    }
    out.views = views;
  }
  return out;
}

function withoutMembers(table: Table, rules: IgnoreRule[]): Table {
  const next: Table = { ...table };
  for (const [sub, field] of Object.entries(SUB_KINDS) as [SubKind, (typeof SUB_KINDS)[SubKind]][]) {
    const mine = rules.filter((r) => r.sub === sub);
    if (!mine.length) continue;
    (next as unknown as Record<string, unknown>)[field] = filterRecord(
      table[field] as Record<string, unknown>,
      (n) => !mine.some((r) => r.member!.test(n)),
    );
  }
  return next;
}

function filterRecord<T>(record: Record<string, T>, keep: (name: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([n]) => keep(n)));
}
