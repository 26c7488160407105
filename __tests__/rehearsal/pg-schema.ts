/** The full introspected schema of a test database, through the product's own Postgres introspector. */
import { postgresDialect } from '../../src/dialects/postgres/index.js';
import type { Schema } from '../../src/schema/model.js';

export async function pgSchemaOf(url: string): Promise<Schema> {
  const introspector = await postgresDialect.introspector(url);
  try {
    return await introspector.snapshot();
  } finally {
    await introspector.close();
  }
}
