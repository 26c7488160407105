/**
 * Puts a scope into the session settings that scoped queries read (filters.ts, `inScope`): keys in,
 * object ids out. Shared by explicit scoped snapshots (a named query, keys as parameters) and the
 * tracker's collect() (plpgsql, keys in local arrays), so that both resolve keys the same way.
 */
import { keyOf, type ScopeList, scopeSetting } from './filters.js';
import { routineKey } from './routines.js';
import type { NamedQuery } from './run.js';

/**
 * Candidate names for `schema.name` keys: the part after each dot. A schema name may itself hold a
 * dot, so every split is a candidate; the exact key comparison then picks the object. Comparing the
 * name first lets the server find the row through the catalog's (name, namespace) index instead of
 * building every object's key.
 */
function candidates(keys: string, cut = (rest: string) => rest): string {
  return `ARRAY(SELECT ${cut('pg_catalog.substr(sk.k, sp.p + 1)')} FROM pg_catalog.unnest(${keys}) sk(k),
    pg_catalog.generate_series(1, pg_catalog.length(sk.k)) sp(p) WHERE pg_catalog.substr(sk.k, sp.p, 1) = '.')::pg_catalog.name[]`;
}

function oids(select: string): string {
  return `COALESCE((${select}), '{}')::text`;
}

/** One `set_config` per list; `keys` gives each list's text[] expression. */
export function setScopeExpressions(keys: Record<ScopeList, string>): string[] {
  const relation = (relkinds: string, list: string) =>
    oids(`SELECT pg_catalog.array_agg(c.oid) FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY(${candidates(list)}) AND c.relkind IN (${relkinds}) AND ${keyOf('n', 'c')} = ANY(${list})`);
  const values: Record<ScopeList, string> = {
    rels: relation(`'r', 'p', 'f', 'v', 'm'`, keys.rels),
    seqs: relation(`'S'`, keys.seqs),
    types: oids(`SELECT pg_catalog.array_agg(t.oid) FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typname = ANY(${candidates(keys.types)}) AND ${keyOf('n', 't', 'typname')} = ANY(${keys.types})`),
    procs: oids(`SELECT pg_catalog.array_agg(p.oid) FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proname = ANY(${candidates(keys.procs, (rest) => `pg_catalog.split_part(${rest}, '(', 1)`)})
        AND ${routineKey} = ANY(${keys.procs})`),
    nsps: oids(
      `SELECT pg_catalog.array_agg(n.oid) FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY(${keys.nsps}::pg_catalog.name[])`,
    ),
    exts: oids(
      `SELECT pg_catalog.array_agg(e.oid) FROM pg_catalog.pg_extension e WHERE e.extname = ANY(${keys.exts}::pg_catalog.name[])`,
    ),
  };
  return (Object.keys(values) as ScopeList[]).map(
    (list) => `pg_catalog.set_config('${scopeSetting(list)}', ${values[list]}, false)`,
  );
}

/** $1..$6: the keys of rels (tables and views), seqs, types (enums and types), procs, nsps, exts. */
export const setScopeQuery: NamedQuery = {
  name: 'schemagate_pg_set_scope_v1',
  text: `SELECT ${setScopeExpressions({
    rels: '$1::text[]',
    seqs: '$2::text[]',
    types: '$3::text[]',
    procs: '$4::text[]',
    nsps: '$5::text[]',
    exts: '$6::text[]',
  }).join(',\n  ')}`,
};
