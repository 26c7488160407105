import { createHash } from 'node:crypto';

/**
 * A shard's `history` (ShardInfo): sha256 of the listed migration ids in order. Written by the
 * check (run-check.ts) and recomputed by the merge from the joined shards' own migrations, so
 * shards of different histories, or parts that do not make up the history, never join.
 */
export function historyDigest(ids: string[]): string {
  return createHash('sha256').update(ids.join('\n')).digest('hex');
}
