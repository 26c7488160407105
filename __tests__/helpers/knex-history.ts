/**
 * A knex history of 60 migrations for the lanes and shards tests (__tests__/cli/check/lanes.test.ts,
 * shard.test.ts): tables t01..t30 (each with an index), then a column and an index on each; the
 * `special` migrations replace the ones at those positions.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const COUNT = 60;

/**
 * A knex history: tables t01..t30 (each with an index), then a column and an index on each; the
 * `special` migrations replace the ones at those positions.
 */
export function history(special: Record<number, { up: string; down: string }> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-lanes-'));
  const migrations = path.join(dir, 'migrations');
  mkdirSync(migrations);
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
  const t = (i: number) => `t${String(i).padStart(2, '0')}`;
  for (let i = 1; i <= COUNT; i++) {
    let up: string;
    let down: string;
    if (special[i]) {
      ({ up, down } = special[i]!);
    } else if (i <= 30) {
      up = `knex.schema.createTable('${t(i)}', (t) => { t.increments('id'); t.string('name', 50); t.index(['name'], '${t(i)}_name_idx'); })`;
      down = `knex.schema.dropTable('${t(i)}')`;
    } else {
      // A table that a special migration replaced was never created: alter t01 instead.
      const table = special[i - 30] ? t(1) : t(i - 30);
      up = `knex.schema.alterTable('${table}', (t) => { t.integer('c${i}'); t.index(['c${i}'], '${table}_c${i}_idx'); })`;
      down = `knex.schema.alterTable('${table}', (t) => { t.dropIndex(['c${i}'], '${table}_c${i}_idx'); t.dropColumn('c${i}'); })`;
    }
    writeFileSync(
      path.join(migrations, `${String(i).padStart(3, '0')}_m${i}.js`),
      `exports.up = (knex) => ${up};\nexports.down = (knex) => ${down};\n`,
    );
  }
  return migrations;
}

/** A down that forgets the index its up created: round trip and re-apply fail, the run recovers. */
export function forgetfulIndex(i: number): { up: string; down: string } {
  return {
    up: `knex.schema.createTable('forgot${i}', (t) => { t.integer('a'); t.index(['a'], 'forgot${i}_a_idx'); })`,
    down: `knex.raw('DROP INDEX forgot${i}_a_idx').then(() => knex.raw('ALTER TABLE forgot${i} RENAME TO forgot${i}_left'))`,
  };
}
