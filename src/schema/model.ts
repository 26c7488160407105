/**
 * The engine-neutral schema model.
 *
 * Every dialect's introspection produces this shape and nothing else, so the diff, the drift SQL and
 * every report work the same for Postgres, MySQL and MariaDB. Definitions are the server's own
 * renderings (format_type, pg_get_expr, COLUMN_TYPE, ...) after the dialect's normalisation, so two
 * schemas built by different tools compare equal when the server sees them as equal.
 *
 * Everything here is plain JSON: a snapshot can be written to a report and read back.
 */

/** The engines are the registry's (src/dialects/registry.ts); re-exported for the model's users. */
export type { EngineName } from '../dialects/registry.js';

import type { EngineName } from '../dialects/registry.js';

/** Keys are `schema.name` for Postgres and `name` for MySQL/MariaDB (one database, no schemas). */
export interface Schema {
  engine: EngineName;
  /** Postgres schemas (namespaces) that user objects may live in; empty for MySQL. */
  namespaces: Record<string, Namespace>;
  tables: Record<string, Table>;
  views: Record<string, View>;
  sequences: Record<string, Sequence>;
  /** Postgres enum types. MySQL enums are column types and live in Column.type. */
  enums: Record<string, EnumType>;
  /** Domains, composite types and other user types that are not enums (Postgres). */
  types: Record<string, UserType>;
  /** Functions and procedures, keyed by `schema.name(identity args)`. */
  routines: Record<string, Routine>;
  extensions: Record<string, Extension>;
}

export interface Namespace {
  name: string;
  comment?: string | null;
}

export interface Table {
  schema: string;
  name: string;
  /** 'table' | 'partitioned table' | 'foreign table' */
  kind: string;
  columns: Record<string, Column>;
  /** Keyed by constraint name. Includes the primary key (kind 'primary key'). */
  constraints: Record<string, Constraint>;
  /** Keyed by index name. Indexes that only back a constraint carry `constraint`. */
  indexes: Record<string, Index>;
  triggers: Record<string, Trigger>;
  /** RLS policies (Postgres). */
  policies: Record<string, Policy>;
  /**
   * Engine-specific table options compared verbatim: Postgres `partition of`, `partition by`,
   * `rls`; MySQL `engine`, `charset`, `collation`, `row_format`.
   */
  options: Record<string, string>;
  comment?: string | null;
}

export interface Column {
  name: string;
  /**
   * 1-based ordinal among the table's live columns (a dropped column leaves no gap). Order is a
   * difference only when asked for (DiffOptions.columnOrder), and then only relative order.
   */
  position: number;
  /** Canonical type as the server renders it: `character varying(255)`, `int unsigned`, `enum('a','b')`. */
  type: string;
  nullable: boolean;
  /** Default expression as the server renders it, normalised; null when there is none. */
  default: string | null;
  /** Postgres identity: 'always' | 'by default' | null. MySQL auto_increment is reported here as 'auto_increment'. */
  identity: string | null;
  /** Generation expression of a generated column, with `stored`/`virtual` suffix; null otherwise. */
  generated: string | null;
  /** Collation only where it differs from the default of the table or database. */
  collation: string | null;
  /** MySQL charset only where it differs from the table's. */
  charset?: string | null;
  /** MySQL `on update CURRENT_TIMESTAMP` and other EXTRA that is not default or generation. */
  onUpdate?: string | null;
  comment?: string | null;
}

export type ConstraintKind = 'primary key' | 'unique' | 'foreign key' | 'check' | 'exclusion';

export interface Constraint {
  name: string;
  kind: ConstraintKind;
  /** Full definition as the server renders it, e.g. `FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE`. */
  definition: string;
  columns: string[];
  /** True when the name looks server- or tool-generated, so drift may match it by definition. */
  generatedName?: boolean;
  foreignKey?: ForeignKey;
  deferrable?: 'not deferrable' | 'deferrable initially immediate' | 'deferrable initially deferred';
}

export interface ForeignKey {
  /** Referenced table key (same format as Schema.tables keys). */
  table: string;
  columns: string[];
  /** Normalised: RESTRICT, NO ACTION and no clause are all 'no action'. */
  onDelete: string;
  onUpdate: string;
  match?: string;
}

export interface Index {
  name: string;
  /**
   * The index definition with its own name removed, so that two indexes that differ only by name
   * compare equal by definition: `UNIQUE USING btree (lower(email)) WHERE (deleted_at IS NULL)`.
   */
  definition: string;
  unique: boolean;
  /** btree, hash, gin, gist, brin, ... (MySQL: BTREE, HASH, FULLTEXT, SPATIAL, lowercased). */
  method: string;
  /** Column names or expressions, each with prefix length / direction where not default. */
  columns: string[];
  /** INCLUDE columns (Postgres). */
  include?: string[];
  /** Partial index predicate. */
  where?: string | null;
  /** Name of the constraint this index implements (PK/unique/exclusion), if any. */
  constraint?: string | null;
  /** MySQL: created by the server to support a foreign key. */
  implicit?: boolean;
  generatedName?: boolean;
}

export interface Trigger {
  name: string;
  definition: string;
}

export interface Policy {
  name: string;
  definition: string;
}

export interface View {
  schema: string;
  name: string;
  materialized: boolean;
  /** The server's rendering of the query. */
  definition: string;
  /** Columns of the view in order, with types, so a changed view is visible even when its text is not. */
  columns: string[];
  /** Indexes on a materialized view. */
  indexes: Record<string, Index>;
  comment?: string | null;
}

export interface Sequence {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  /** `schema.table.column` when owned by a column (serial/identity). */
  ownedBy: string | null;
}

export interface EnumType {
  schema: string;
  name: string;
  /** Labels in sort order: adding or reordering a label is a difference. */
  values: string[];
  comment?: string | null;
}

export interface UserType {
  schema: string;
  name: string;
  /** 'domain' | 'composite' | 'range' | 'base' */
  kind: string;
  definition: string;
}

export interface Routine {
  schema: string;
  name: string;
  /** 'function' | 'procedure' | 'aggregate' */
  kind: string;
  /** Identity arguments, part of the key: overloads are distinct objects. */
  arguments: string;
  /** Full definition as the server renders it (pg_get_functiondef, SHOW CREATE ...). */
  definition: string;
}

export interface Extension {
  name: string;
  schema: string;
  version: string;
}

export function emptySchema(engine: EngineName): Schema {
  return {
    engine,
    namespaces: {},
    tables: {},
    views: {},
    sequences: {},
    enums: {},
    types: {},
    routines: {},
    extensions: {},
  };
}

/** The top-level collections of a Schema, in the order reports list them. */
export const SCHEMA_COLLECTIONS = [
  'namespaces',
  'extensions',
  'enums',
  'types',
  'sequences',
  'tables',
  'views',
  'routines',
] as const;
export type SchemaCollection = (typeof SCHEMA_COLLECTIONS)[number];

/** What one object of each collection is called in a report. */
export const COLLECTION_NOUN: Readonly<Record<SchemaCollection, string>> = {
  namespaces: 'schema',
  extensions: 'extension',
  enums: 'enum',
  types: 'type',
  sequences: 'sequence',
  tables: 'table',
  views: 'view',
  routines: 'routine',
};

/**
 * Part of a schema: which top-level objects a scoped snapshot covers. A scoped snapshot returns
 * exactly these objects (absent ones were dropped); everything else is taken from the previous
 * full snapshot. `all` means the scope could not be narrowed and a full snapshot is needed.
 */
export type Scope = { all: true } | { all: false; objects: Partial<Record<SchemaCollection, string[]>> };

export const FULL_SCOPE: Scope = { all: true };

/** Replace the scoped objects of `base` with those of `partial` (a snapshot taken with `scope`). */
export function applyScope(base: Schema, partial: Schema, scope: Scope): Schema {
  if (scope.all) return partial;
  const next: Schema = { ...base };
  for (const collection of SCHEMA_COLLECTIONS) {
    const keys = scope.objects[collection];
    if (!keys || keys.length === 0) continue;
    const merged: Record<string, unknown> = { ...base[collection] };
    for (const key of keys) {
      const found = (partial[collection] as Record<string, unknown>)[key];
      if (found === undefined) delete merged[key];
      else merged[key] = found;
    }
    (next as unknown as Record<string, unknown>)[collection] = merged;
  }
  return next;
}

/** Restrict a schema to the objects a scope names (for comparing two scoped views). */
export function restrictToScope(schema: Schema, scope: Scope): Schema {
  if (scope.all) return schema;
  const next = emptySchema(schema.engine);
  for (const collection of SCHEMA_COLLECTIONS) {
    const keys = scope.objects[collection] ?? [];
    const source = schema[collection] as Record<string, unknown>;
    const target = next[collection] as Record<string, unknown>;
    for (const key of keys) if (source[key] !== undefined) target[key] = source[key];
  }
  return next;
}
