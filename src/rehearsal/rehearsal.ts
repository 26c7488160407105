/**
 * The rehearsal contract: what step-check asks of an engine so that each migration runs on tables
 * with rows, and what it learns back (lock hazards, lost data). One implementation per engine
 * (src/dialects/<engine>/rehearsal.ts); the engines measure differently (docs/rehearsal.md):
 *
 * - Postgres observes the migration's own backend through event triggers: the locks it held and the
 *   work it did per statement, and the content of each table just before DDL first touched it.
 * - MySQL/MariaDB cannot observe DDL from inside the server: it asks the server which ALGORITHM and
 *   LOCK each ALTER would get, on a scratch copy of the table with its rows, at a moment when the
 *   table holds the schema the statement was written for (the up's statements after a clean round
 *   trip, the down's after the re-apply); content is summarised for every table before the up.
 *
 * The hooks follow the step order; each returns what it measured, never throws for a measurement it
 * could not make (it says why in `notes`), and throws only when the database itself is gone.
 */
import type { Schema } from '../schema/model.js';
import type { Content, DataLoss } from './content.js';
import { compareContent } from './content.js';
import type { Hazard } from './hazards.js';
import type { SeedResult } from './seed.js';

export interface RehearsalOptions {
  /** Rows per seeded table. */
  rows: number;
  /** Whether the role may install event triggers (Postgres measures locks only then). */
  superuser: boolean;
}

export interface Measured {
  hazards: Hazard[];
  /** Why something could not be measured, in words for the report. */
  notes: string[];
  /**
   * Statements that took a lock a text rule would flag but did no work on the table's rows: why
   * schemagate stayed quiet about them.
   */
  quiet?: string[];
  /** Set when nothing at all could be measured, and why. */
  unmeasured?: string;
}

/** What the step check knows after the down, for Rehearsal.afterDown. */
export interface DownFacts {
  before: Schema;
  afterDown: Schema;
  up: string[];
  down: string[];
  /** Whether the round trip gave the schema before the up back (MySQL asks about the up's statements only then). */
  restored: boolean;
}

export interface Rehearsal {
  /** Fills the empty tables among `tables` (null: every table) of `schema` with generated rows. */
  seed(schema: Schema, tables: string[] | null): Promise<SeedResult>;
  /** Forgets what earlier steps recorded, and notes what the up will be compared with. */
  beforeUp(schema: Schema): Promise<void>;
  /** Hazards of the up that just ran (statements as the migrator reports them). */
  afterUp(up: string[]): Promise<Measured>;
  /**
   * After the down: the content lost since before the up (columns that exist again after the down),
   * and hazards of both directions that can be measured now. The facts arrive when the step check
   * has snapshotted and compared the schema after the down; a rehearsal that can read the server
   * before then (Postgres: what its triggers logged) starts at once, so the two reads overlap.
   */
  afterDown(facts: Promise<DownFacts>): Promise<Measured & { lost: DataLoss[] }>;
  /** After the re-apply: hazards of the down, where they can only be measured now. */
  afterReapply(down: string[]): Promise<Measured>;
  /** The migration's checks are over, whichever step it ended at. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

/** Table keys of `schema` that can be summarised and compared (plain tables with columns). */
export function contentTables(schema: Schema, keys?: Iterable<string>): [string, Schema['tables'][string]][] {
  const wanted = keys ? [...keys] : Object.keys(schema.tables);
  const out: [string, Schema['tables'][string]][] = [];
  for (const key of wanted) {
    const t = schema.tables[key];
    if (t && t.kind === 'table' && Object.keys(t.columns).length > 0) out.push([key, t]);
  }
  return out;
}

/**
 * What the down lost, compared only on the columns that existed before the up and exist again
 * after the down: a column the down did not re-create is the round-trip check's finding.
 */
export function lostSince(before: Content, after: Content, schemaBefore: Schema): DataLoss[] {
  const kept: Content = {};
  for (const [key, table] of Object.entries(before)) {
    const existed = schemaBefore.tables[key];
    if (!existed) continue;
    const columns = Object.fromEntries(Object.entries(table.columns).filter(([c]) => c in existed.columns));
    kept[key] = { rows: table.rows, columns };
  }
  return compareContent(kept, after);
}
