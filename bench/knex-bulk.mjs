// The bulk floor, in a plain Node process: knex itself runs latest, rollback all, latest.
// (Separate from bench/run.ts because knex must require the migrations without a TS loader hook.)
import knexFactory from 'knex';

const [url, dir] = process.argv.slice(2);
const knex = knexFactory({ client: 'pg', connection: url, migrations: { directory: dir } });
try {
  const t0 = performance.now();
  await knex.migrate.latest();
  await knex.migrate.rollback(undefined, true);
  await knex.migrate.latest();
  console.log(performance.now() - t0);
} finally {
  await knex.destroy();
}
