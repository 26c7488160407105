exports.up = (knex) =>
  knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email').notNullable();
    t.integer('team_id').references('teams.id').onDelete('CASCADE');
    t.index(['team_id'], 'users_team_id_idx');
    t.unique(['email']);
  });

exports.down = (knex) => knex.schema.dropTable('users');
