exports.up = (knex) =>
  knex.schema.createTable('teams', (t) => {
    t.increments('id');
    t.string('name', 120).notNullable().unique();
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
  });

exports.down = (knex) => knex.schema.dropTable('teams');
