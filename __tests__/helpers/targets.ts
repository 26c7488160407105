/**
 * The one description of where a test points schemagate: a Target is an engine behind a provider,
 * as the CLI flags that select it, with what a test needs to read the output (how knex quotes a name,
 * how the report names a table). The two local servers as `--url` targets live here; the Docker
 * targets of the engine scenarios (__tests__/engines/targets.ts) have the same shape.
 *
 * Leftovers are counted per engine on its local server: `leftovers(engine)` lists the `schemagate_`
 * databases a run left there (Postgres and MariaDB alike, through helpers/leftovers.ts).
 */
import { throwawayDatabases } from './leftovers.js';
import { MYSQL_URL, PG_URL } from './servers.js';

/** The engines the local servers run (127.0.0.1:5432 and :3306). */
export type LocalEngine = 'postgres' | 'mariadb';

export interface Target {
  /** How a test's title names it: `postgres`, `MariaDB in Docker`. */
  name: string;
  engine: LocalEngine;
  provider: 'url' | 'docker' | 'embedded';
  /** The CLI flags that select the engine and the provider. */
  args: string[];
  /** Quotes an identifier as knex writes it for this engine. */
  q: (name: string) => string;
  /** How the report names a table: Postgres qualifies it with its schema. */
  table: (name: string) => string;
}

/** The local server of each engine, where `--url` targets run and leftovers are counted. */
export const SERVER_URL: Record<LocalEngine, string> = { postgres: PG_URL, mariadb: MYSQL_URL };

const STYLE: Record<LocalEngine, Pick<Target, 'q' | 'table'>> = {
  postgres: { q: (name) => `"${name}"`, table: (name) => `public.${name}` },
  mariadb: { q: (name) => `\`${name}\``, table: (name) => name },
};

/** A target's quoting and table naming, which depend on its engine alone. */
export function engineStyle(engine: LocalEngine): Pick<Target, 'q' | 'table'> {
  return STYLE[engine];
}

/** The local Postgres through --url; the engine comes from the URL's scheme. */
export const postgres: Target = {
  name: 'postgres',
  engine: 'postgres',
  provider: 'url',
  args: ['--provider', 'url', '--url', PG_URL],
  ...STYLE.postgres,
};

/**
 * The local MariaDB through --url, named with --engine mariadb: the URL's mysql:// scheme alone
 * selects mysql, which becomes MariaDB only once the server's version is read (the engine scenarios'
 * MARIADB_URL target covers that path).
 */
export const mariadb: Target = {
  name: 'mariadb',
  engine: 'mariadb',
  provider: 'url',
  args: ['--provider', 'url', '--url', MYSQL_URL, '--engine', 'mariadb'],
  ...STYLE.mariadb,
};

/** An embedded Postgres that schemagate downloads, starts and removes itself. */
export const embeddedPostgres: Target = {
  name: 'embedded Postgres',
  engine: 'postgres',
  provider: 'embedded',
  args: ['--provider', 'embedded'],
  ...STYLE.postgres,
};

/** Both local servers, for `describe.each(ENGINES)('... on $name')`. */
export const ENGINES = [postgres, mariadb] as const;

/** schemagate's throwaway databases left on an engine's local server. */
export function leftovers(engine: LocalEngine): Promise<string[]> {
  return throwawayDatabases(SERVER_URL[engine]);
}

/**
 * The throwaway databases left on a target's local server once a run has ended, which must be none.
 * Other engineers' test runs may share the local servers and hold a database of their own for a
 * moment, so a non-empty answer is asked again for a while; a real leak stays, and still fails.
 */
export async function leftoversAfterRun(
  target: { engine: LocalEngine },
  patienceMs = 20_000,
): Promise<string[]> {
  const until = Date.now() + patienceMs;
  for (;;) {
    const left = await leftovers(target.engine);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
