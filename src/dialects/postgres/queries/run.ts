import type pg from 'pg';

/** A query with a fixed name: node-postgres prepares it once per connection and reuses the plan. */
export interface NamedQuery {
  name: string;
  text: string;
}

export async function runNamed<R extends pg.QueryResultRow>(
  client: pg.ClientBase,
  query: NamedQuery,
  values: unknown[],
): Promise<R[]> {
  const result = await client.query<R>({ name: query.name, text: query.text, values });
  return result.rows;
}
