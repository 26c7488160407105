/**
 * The one description of where a test points schemagate: a Target is an engine behind a provider, as
 * the CLI flags that select it, with what a test needs to read the output (how knex quotes a name, how
 * the report names a table). Every target is here: the two local servers through --url, an embedded
 * Postgres, Postgres and MariaDB in Docker. TARGETS is the list the scenario suites run over (the knex
 * scenarios, bad input, signals): a new engine joins them by adding its target there.
 *
 * Leftovers are counted per engine on its local server: `leftovers(engine)` lists the `schemagate_`
 * databases a run left there (Postgres and MariaDB alike, through helpers/leftovers.ts).
 */
import { DOCKER, SKIP_REASON, TEST_IMAGES } from './docker.js';
import { leftoverDatabases } from './leftovers.js';
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
 * selects mysql, which becomes MariaDB only once the server's version is read (MARIADB_URL below
 * covers that path).
 */
export const mariadb: Target = {
  name: 'mariadb',
  engine: 'mariadb',
  provider: 'url',
  args: ['--provider', 'url', '--url', MYSQL_URL, '--engine', 'mariadb'],
  ...STYLE.mariadb,
};

/** The local MariaDB through --url with no --engine: the scheme says mysql, VERSION() says MariaDB. */
export const MARIADB_URL: Target = {
  name: 'MariaDB through --url',
  engine: 'mariadb',
  provider: 'url',
  args: ['--provider', 'url', '--url', MYSQL_URL],
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

/** Postgres in Docker, from the test image (helpers/docker.ts). */
export const POSTGRES_DOCKER: Target = {
  name: 'Postgres in Docker',
  engine: 'postgres',
  provider: 'docker',
  args: ['--provider', 'docker', '--engine', 'postgres', '--image', `postgres=${TEST_IMAGES.postgres}`],
  ...STYLE.postgres,
};

/** MariaDB in Docker, from the test image (helpers/docker.ts). */
export const MARIADB_DOCKER: Target = {
  name: 'MariaDB in Docker',
  engine: 'mariadb',
  provider: 'docker',
  args: ['--provider', 'docker', '--engine', 'mariadb', '--image', `mariadb=${TEST_IMAGES.mariadb}`],
  ...STYLE.mariadb,
};

/**
 * Every engine behind every provider, for the scenario suites: `for (const t of TARGETS)
 * describe.skipIf(unavailable(t))(...)`. A new engine adds its targets here (and, for Docker, its test
 * image to helpers/docker.ts); each suite's expectations that differ per engine are keyed by t.engine.
 */
export const TARGETS: Target[] = [postgres, MARIADB_URL, embeddedPostgres, POSTGRES_DOCKER, MARIADB_DOCKER];

/** Both local servers, for `describe.each(ENGINES)('... on $name')`. */
export const ENGINES = [postgres, mariadb] as const;

/** Whether a target cannot run here: the docker ones need a Docker engine that answers. */
export function unavailable(target: Target): boolean {
  return target.provider === 'docker' && !DOCKER;
}

/** What a skipped target's title says about why. */
export function skipReason(target: Target): string {
  return unavailable(target) ? SKIP_REASON : '';
}

/** schemagate's throwaway databases left on an engine's local server (helpers/leftovers.ts). */
export function leftovers(engine: LocalEngine): Promise<string[]> {
  return leftoverDatabases(SERVER_URL[engine]);
}

/**
 * The throwaway databases left on a target's local server once a run has ended, which must be none.
 * A run's databases are gone before its process exits; a non-empty answer is asked again for a while
 * all the same, so a slow drop is not taken for a leak; a real leak stays, and still fails.
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
