/**
 * The drift check: the schema the migrations build (`migrated`) against the schema the models build
 * (`models`), for one engine. Differences read "migrations give X, models say Y", and come with the
 * DDL that would bring the migrations to the models (see src/schema/ddl/).
 */

import type { DriftReport } from '../report/model.js';
import { generateDdl } from '../schema/ddl/index.js';
import { diff } from '../schema/diff.js';
import { driftSchemas } from '../schema/drift-normalise.js';
import type { Schema } from '../schema/model.js';

// How drift reads is the report's business too (report/console.ts), so it lives below both.
export { describeDrift, groupDrift } from '../schema/drift-text.js';

export interface DriftArgs {
  migrated: Schema;
  models: Schema;
  /** `--ignore` patterns (see src/schema/ignore.ts and docs/drift.md). Invalid ones throw UsageError. */
  ignore: string[];
  mode: 'fail' | 'warn';
  /** How the models were built, as ModelSource.describe says. */
  source: string;
}

export async function checkDrift(args: DriftArgs): Promise<DriftReport> {
  const { from, to } = driftSchemas(args);
  const differences = diff(from, to, { matchGeneratedNamesByDefinition: true });
  const status = differences.length === 0 ? 'pass' : args.mode === 'fail' ? 'fail' : 'warn';
  return {
    status,
    source: args.source,
    differences,
    sql: await generateDdl(from, to, differences),
  };
}
