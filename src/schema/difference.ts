import type { SchemaCollection } from './model.js';

/** What kind of database object a difference is about; used to group and name it. */
export type ObjectKind =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'type'
  | 'sequence'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'trigger'
  | 'policy'
  | 'view'
  | 'materialized view'
  | 'routine';

/**
 * One difference between two schemas, `from` -> `to`.
 *
 * `added`: exists only in `to`; `removed`: exists only in `from`; `changed`: exists in both and the
 * attribute differs. Every field is plain data so it can be reported as JSON and rendered anywhere.
 */
export interface Difference {
  change: 'added' | 'removed' | 'changed';
  kind: ObjectKind;
  /** Human name of the object, e.g. `index users_name_lookup_idx on users`, `column users.email`. */
  object: string;
  /** The key of the top-level object this belongs to, e.g. `public.users`, and its collection. */
  parent: { collection: SchemaCollection; key: string };
  /** Name of the sub-object inside the parent (column, index, constraint, trigger, policy name). */
  name?: string;
  /** For `changed`: which attribute differs, e.g. `type`, `nullable`, `definition`. */
  attribute?: string;
  /** Value in `from` (for `changed`, or the definition of a removed object). */
  before?: string | null;
  /** Value in `to` (for `changed`, or the definition of an added object). */
  after?: string | null;
  /**
   * `warning`: a difference that is reported but does not fail a check on its own (a column that
   * moved: the table holds the same columns, but positional INSERT and COPY see another one).
   * Absent: the difference fails the check it belongs to.
   */
  severity?: 'warning';
}

export interface DiffOptions {
  /**
   * Match objects whose names were generated (by the server or a tool) by their definition when the
   * names differ. Right for drift (two tools name things differently), wrong for a round trip (the
   * down must restore the same names).
   */
  matchGeneratedNamesByDefinition?: boolean;
  /**
   * Report columns whose place among the table's other columns changed (a down that re-adds a
   * dropped column at the end), as warning-level `position` differences. Off by default: drift
   * compares two tools, and ORMs create columns in their own order.
   */
  columnOrder?: boolean;
}
