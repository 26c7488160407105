// A plain knex project. schemagate reads `migrations` from here and ignores `connection`:
// it runs every migration on its own throwaway databases.
module.exports = {
  development: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    migrations: { directory: './migrations', tableName: 'knex_migrations' },
  },
};
