import pg from 'pg';
import { errorMessage, InfraError } from '../../errors.js';
import { describeUrl } from '../../secrets.js';

/**
 * A connection whose search_path is empty, so that the server qualifies every name it renders
 * (`public.users`, `public.mood`) and two databases compare the same whatever their settings, and
 * without JIT.
 */
export async function connectPg(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'schemagate', pipeline: true });
  // A server that goes away between queries would otherwise crash the process with an 'error' event;
  // the next query reports it instead.
  client.on('error', () => {});
  try {
    await client.connect();
    // JIT compiles catalog queries whose estimates look big (subplans per row) for hundreds of
    // milliseconds, to save microseconds: never worth it here.
    await client.query("SET search_path = ''; SET jit = off; SET plan_cache_mode = force_generic_plan");
  } catch (error) {
    await client.end().catch(() => {});
    throw new InfraError(`Could not connect to Postgres at ${describeUrl(url)}: ${errorMessage(error)}`, {
      cause: error,
      hint: 'Check that the server is running and the URL is right.',
    });
  }
  return client;
}
