/**
 * Generates a knex history for the benchmarks that runs unchanged on Postgres, MySQL and MariaDB:
 * `tables` create-table migrations (columns, an index, a foreign key to the previous table) followed
 * by alter migrations (a column and an index each) up to `count` migrations in all. Every migration
 * has an exact down.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function generateKnexHistory(dir: string, count = 200, tables = 100): string {
  const migrations = path.join(dir, 'migrations');
  mkdirSync(migrations, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
  const name = (i: number) => `t${String(i).padStart(3, '0')}`;
  for (let i = 1; i <= count; i++) {
    const file = path.join(migrations, `${String(i).padStart(4, '0')}_step.js`);
    if (i <= tables) {
      const t = name(i);
      // unsigned: increments() is unsigned on MySQL, and a foreign key must match it (a no-op on Postgres).
      const fk =
        i > 1 ? `t.integer('parent_id').unsigned().references('${name(i - 1)}.id').onDelete('CASCADE');` : '';
      writeFileSync(
        file,
        `exports.up = (knex) => knex.schema.createTable('${t}', (t) => {
  t.increments('id');
  t.string('name', 100).notNullable();
  t.text('body');
  t.integer('rank').notNullable().defaultTo(0);
  t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
  ${fk}
  t.index(['name'], '${t}_name_idx');
});
exports.down = (knex) => knex.schema.dropTable('${t}');
`,
      );
    } else {
      const t = name(((i - tables - 1) % tables) + 1);
      const col = `extra_${i}`;
      writeFileSync(
        file,
        `exports.up = (knex) => knex.schema.alterTable('${t}', (t) => {
  t.string('${col}', 50);
  t.index(['${col}'], '${t}_${col}_idx');
});
exports.down = (knex) => knex.schema.alterTable('${t}', (t) => {
  t.dropIndex(['${col}'], '${t}_${col}_idx');
  t.dropColumn('${col}');
});
`,
      );
    }
  }
  return migrations;
}
