/**
 * What an engine's DDL writer renders. The plan (plan.ts) decides what changes and in which order;
 * a writer only turns one change into statements, using the server-rendered definitions in the model
 * so that the SQL is exact. A writer returns no statement for what its engine does not have.
 */

import type {
  Column,
  Constraint,
  EngineName,
  EnumType,
  Extension,
  Index,
  Namespace,
  Policy,
  Routine,
  Sequence,
  Table,
  Trigger,
  UserType,
  View,
} from '../model.js';
import type { DriftStatement } from './statement.js';

export type Statements = DriftStatement[];

/** The owner of an index: a table or a (materialized) view. */
export interface Relation {
  schema: string;
  name: string;
}

export interface ColumnRef {
  table: Table;
  column: Column;
}

export interface DdlWriter {
  engine: EngineName;
  /** MySQL: an index that a foreign key uses cannot be dropped while the key exists. */
  readonly foreignKeysNeedIndexes: boolean;
  /** Something to run before creating routines (Postgres: do not validate bodies against tables yet). */
  beforeRoutines(): Statements;

  createNamespace(n: Namespace): Statements;
  dropNamespace(n: Namespace): Statements;
  alterNamespace(a: Namespace, b: Namespace): Statements;
  createExtension(e: Extension): Statements;
  dropExtension(e: Extension): Statements;
  alterExtension(a: Extension, b: Extension): Statements;

  createEnum(e: EnumType): Statements;
  /** `users`: the kept columns typed with this enum, which a rebuilt enum has to carry along. */
  alterEnum(a: EnumType, b: EnumType, users: ColumnRef[]): Statements;
  dropEnum(e: EnumType): Statements;
  createType(t: UserType): Statements;
  dropType(t: UserType): Statements;

  createSequence(s: Sequence): Statements;
  alterSequence(a: Sequence, b: Sequence): Statements;
  /** `OWNED BY`, once the owning column exists. */
  ownSequence(s: Sequence): Statements;
  dropSequence(s: Sequence): Statements;

  /** The table with its columns and every constraint but foreign keys; no separate index. */
  createTable(t: Table): Statements;
  dropTable(t: Table): Statements;
  /** Table options and comment. */
  alterTable(a: Table, b: Table): Statements;
  addColumn(t: Table, c: Column): Statements;
  dropColumn(t: Table, c: Column): Statements;
  alterColumn(t: Table, a: Column, b: Column): Statements;
  addConstraint(t: Table, c: Constraint): Statements;
  dropConstraint(t: Table, c: Constraint): Statements;
  /** Whether this index is created and dropped with a constraint (or a foreign key) rather than alone. */
  ownedByConstraint(t: Table | View, i: Index): boolean;
  createIndex(owner: Relation, i: Index): Statements;
  dropIndex(owner: Relation, i: Index): Statements;

  createView(v: View): Statements;
  dropView(v: View): Statements;
  alterView(a: View, b: View): Statements;
  createRoutine(r: Routine): Statements;
  /** A changed routine: replaced in place where the engine allows it. */
  replaceRoutine(a: Routine, b: Routine): Statements;
  dropRoutine(r: Routine): Statements;
  createTrigger(t: Table, tr: Trigger): Statements;
  dropTrigger(t: Table, tr: Trigger): Statements;
  createPolicy(t: Table, p: Policy): Statements;
  dropPolicy(t: Table, p: Policy): Statements;
}

export function stmt(sql: string, destructive = false): DriftStatement {
  return { sql, destructive };
}
