/**
 * Captures, server-side, the content of each table a migration's DDL is about to touch, at the last
 * moment before it is touched: the probes' ddl_command_start trigger (lock-probe-install.ts), for
 * every statement that can change existing values (not CREATE, an index's DROP or ALTER, COMMENT
 * or GRANT), calls `_schemagate.capture_named` with the statement's text and tag, which
 * summarises (per column, the same summary as content.ts) every user table the text names (for
 * ALTER TABLE, only the tables it alters) that holds rows and has not been captured since the last
 * clear. A down that loses data is then found by comparing these summaries with the same tables
 * after the down, at the cost of the tables the migration touches rather than of the whole schema
 * (a summary of 100 tables takes over 200 ms; of one, under 1 ms).
 *
 * Names are matched as whole words (identifiers as written, folded to lower case, and quoted ones),
 * through pg_class's name index rather than by reading every table's name; a word that is a table's
 * name without meaning it (a column or a string with the same name) over-captures, which costs a
 * little time and is never wrong; a table the statement touches without naming it (a
 * cascade) is not captured, and its data is not compared. Data statements fire no event trigger, so
 * a migration that only deletes rows, without DDL on the table, is not covered either (docs/rehearsal.md).
 */
import { SAMPLE_LENGTH, SAMPLE_SIZE } from '../../rehearsal/content.js';

/**
 * One table's per-column summary. Keep in step with tableQuery in content.ts: a test compares the two.
 * `rows` is repeated on every column row; a table without rows yields one row with col NULL.
 */
const COLUMN_CONTENT_FUNCTION = `
CREATE OR REPLACE FUNCTION _schemagate.column_content(rel regclass)
RETURNS TABLE (col text, rows bigint, hash text, non_null bigint, sample text[])
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  unpivot text;
BEGIN
  SELECT pg_catalog.string_agg(pg_catalog.format('(%L, t.%I::text)', a.attname, a.attname), ', ' ORDER BY a.attnum)
    INTO unpivot
  FROM pg_catalog.pg_attribute a WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped;
  IF unpivot IS NOT NULL THEN
    RETURN QUERY EXECUTE pg_catalog.format($q$
      SELECT x.c, (SELECT count(*) FROM %1$s), pg_catalog.md5(COALESCE(pg_catalog.string_agg(
          COALESCE(x.v, E'\\\\N'), E'\\x1f' ORDER BY x.v), '')),
        count(x.v), (pg_catalog.array_agg(DISTINCT pg_catalog.left(x.v, ${SAMPLE_LENGTH}))
          FILTER (WHERE x.v IS NOT NULL))[1:${SAMPLE_SIZE}]
      FROM %1$s AS t, LATERAL (VALUES %2$s) AS x(c, v) GROUP BY x.c$q$, rel, unpivot);
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::text, 0::bigint, NULL::text, 0::bigint, NULL::text[];
  END IF;
END $fn$`;

export const CONTENT_CAPTURE_SQL = `
CREATE SCHEMA IF NOT EXISTS _schemagate;
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.content_before (
  relid oid NOT NULL, nsp name NOT NULL, rel name NOT NULL, table_key text NOT NULL, col text,
  rows bigint NOT NULL, hash text, non_null bigint, sample text[]
);
${COLUMN_CONTENT_FUNCTION};

-- Which tables a statement can change the values of, summarised before it runs: the tables the query
-- names, as whole words (quoted or not, any case), that hold rows (an empty table has nothing to
-- lose). For ALTER TABLE only its targets: a table it merely references (a foreign key's parent)
-- keeps its values, and the parent of a new foreign key is the most common such name.
CREATE OR REPLACE FUNCTION _schemagate.capture_named(query text, tag text) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  r record;
  scope text := query;
BEGIN
  IF tag = 'ALTER TABLE' THEN
    SELECT pg_catalog.string_agg(m[1], ' ') INTO scope
    FROM pg_catalog.regexp_matches(query,
      '\\malter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?((?:"(?:[^"]|"")+"|[^\\s".;(]+)(?:\\s*\\.\\s*(?:"(?:[^"]|"")+"|[^\\s".;(]+))?)',
      'gi') m;
    scope := COALESCE(scope, query); -- written in a form the pattern misses: every name it uses
  END IF;
  FOR r IN
    WITH words AS MATERIALIZED (
      SELECT pg_catalog.regexp_split_to_table(scope, '[^[:alnum:]_$]+') AS w
      UNION SELECT pg_catalog.regexp_split_to_table(pg_catalog.lower(scope), '[^[:alnum:]_$]+')
      UNION SELECT pg_catalog.replace(m[1], '""', '"') FROM pg_catalog.regexp_matches(scope, '"((?:[^"]|"")+)"', 'g') m)
    SELECT c.oid, n.nspname, c.relname, n.nspname || '.' || c.relname AS table_key
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = ANY (ARRAY(SELECT w FROM words)::name[]) AND c.relkind = 'r'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate') AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM _schemagate.content_before b WHERE b.relid = c.oid)
      AND pg_catalog.pg_relation_size(c.oid) > 0
  LOOP
    BEGIN
      INSERT INTO _schemagate.content_before
      SELECT r.oid, r.nspname, r.relname, r.table_key, s.col, s.rows, s.hash, s.non_null, s.sample
      FROM _schemagate.column_content(r.oid) s;
    EXCEPTION WHEN OTHERS THEN NULL; -- never fail the user's migration for a summary
    END;
  END LOOP;
END $fn$;

-- The same summary, now, of every captured table that exists (by name: a down may have dropped and
-- re-created it), so that after the down the comparison needs no client-side query of its own.
CREATE OR REPLACE FUNCTION _schemagate.content_after()
RETURNS TABLE (table_key text, col text, rows bigint, hash text, non_null bigint, sample text[])
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  -- PL/pgSQL rather than SQL: its plan is kept for the session, where a SQL function plans on every call.
  RETURN QUERY
  SELECT t.table_key, s.col, s.rows, s.hash, s.non_null, s.sample
  FROM (SELECT DISTINCT b.nsp, b.rel, b.table_key FROM _schemagate.content_before b) t
  JOIN pg_catalog.pg_namespace n ON n.nspname = t.nsp
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.rel AND c.relkind = 'r',
  LATERAL _schemagate.column_content(c.oid) s;
END $fn$;
`;
