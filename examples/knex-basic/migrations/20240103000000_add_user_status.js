exports.up = async (knex) => {
  await knex.raw("CREATE TYPE user_status AS ENUM ('active', 'suspended')");
  await knex.schema.alterTable('users', (t) => {
    t.specificType('status', 'user_status').notNullable().defaultTo('active');
    t.index(['email'], 'users_active_email_idx', { predicate: knex.whereRaw("status = 'active'") });
  });
};

exports.down = async (knex) => {
  await knex.schema.alterTable('users', (t) => {
    t.dropIndex(['email'], 'users_active_email_idx');
    t.dropColumn('status');
  });
  await knex.raw('DROP TYPE user_status');
};
