/**
 * Drift SQL: the DDL that turns one schema (`from`, what the migrations build) into another (`to`,
 * what the models describe), for the schemas' engine. The reverse (`to` back to `from`) is the same
 * call with the arguments swapped; the knex migration writer uses both.
 */
import { ENGINES } from '../../dialects/registry.js';
import { diff } from '../diff.js';
import type { Difference } from '../difference.js';
import type { Schema } from '../model.js';
import { planDdl } from './plan.js';
import type { DriftStatement } from './statement.js';
import type { DdlWriter } from './writer.js';

/** The engine's DDL writer (src/dialects/<engine>/ddl.ts), loaded the first time drift SQL is written. */
export function writerFor(engine: Schema['engine']): Promise<DdlWriter> {
  return ENGINES[engine].load.ddlWriter();
}

/**
 * `differences` may be passed when already computed; they must come from
 * `diff(from, to, { matchGeneratedNamesByDefinition: true })`, so that objects that only differ by a
 * generated name are left alone.
 */
export async function generateDdl(
  from: Schema,
  to: Schema,
  differences?: Difference[],
): Promise<DriftStatement[]> {
  const found = differences ?? diff(from, to, { matchGeneratedNamesByDefinition: true });
  if (found.length === 0) return [];
  return planDdl(from, to, found, await writerFor(to.engine));
}
