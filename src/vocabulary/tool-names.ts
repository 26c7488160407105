/**
 * The migration tools schemagate drives. A leaf that imports nothing, so src/config/ can list and
 * validate tool names without loading a migrator; the migrators' index switches over the same union.
 */
export const TOOL_NAMES = [
  'knex',
  'sql',
  'alembic',
  'django',
  'typeorm',
  'node-pg-migrate',
  'sequelize',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
