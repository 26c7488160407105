/**
 * The SQL that lets a rehearsal measure what each DDL statement of a migration did to the tables it
 * touched, whatever tool runs the migration: event triggers fire inside the migration's own backend
 * and transaction, so they see that backend's locks (pg_locks for pg_backend_pid()), its own
 * table-scan counters (the pg_stat_get_xact_* functions: this backend's counts not yet flushed to
 * the shared statistics) and table rewrites (the table_rewrite event).
 *
 * ddl_command_start records the scan counters before each statement and ddl_command_end the
 * difference, so work done by data statements between two DDL statements is not charged to either.
 * Rows land in _schemagate.lock_log (the tracker's schema, left out of every snapshot); the log is
 * transactional, so a migration that fails and rolls back leaves nothing, which is right: its error
 * is reported by the up check. A failure inside a trigger is swallowed: measuring must never fail
 * the user's migration.
 */

import { CONTENT_CAPTURE_SQL } from './content-capture-install.js';

/**
 * Whether the probes (this one and the content capture) measure. On when installed; a rehearsal
 * turns it on before a rehearsed migration's up and off after its down, so the re-apply and the
 * migrations that are not rehearsed pay one read of a one-row table per trigger, not the measurement.
 */
export const PROBE_SWITCH_SQL = `CREATE TABLE IF NOT EXISTS _schemagate.probe_switch (on_ boolean NOT NULL);
INSERT INTO _schemagate.probe_switch SELECT true WHERE NOT EXISTS (SELECT 1 FROM _schemagate.probe_switch);`;

/** The lock modes from weakest to strongest, for "the strongest mode this backend holds". */
const MODE_STRENGTH = `ARRAY['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock',
  'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock']`;

/** This backend's granted relation locks, one row per relation with the strongest mode held. */
const MY_LOCKS = `SELECT DISTINCT ON (l.relation) l.relation, l.mode FROM pg_catalog.pg_locks l
    WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted
    ORDER BY l.relation, pg_catalog.array_position(${MODE_STRENGTH}, l.mode) DESC`;

const USER_RELATION = `n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/**
 * Both probes, installed together: one ddl_command_start trigger captures the content of the tables
 * the statement names (content-capture-install.ts) and takes the scan baseline, so each DDL statement
 * pays one trigger call and one read of the switch at its start, not two. The logs are unlogged
 * tables: still transactional, and a throwaway database never needs them after a crash.
 */
export const PROBES_SQL = `
CREATE SCHEMA IF NOT EXISTS _schemagate;
${CONTENT_CAPTURE_SQL}
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.lock_log (
  seq bigserial PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  statement text,
  command_tag text,
  relid oid NOT NULL,
  relation text NOT NULL,
  lock text,
  scans bigint NOT NULL DEFAULT 0,
  rows_read bigint NOT NULL DEFAULT 0,
  rewritten boolean NOT NULL DEFAULT false,
  built_index boolean NOT NULL DEFAULT false,
  lock_before text
);
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.scan_baseline (
  pid int NOT NULL, relid oid NOT NULL, xid xid8 NOT NULL, seq_scan bigint NOT NULL, seq_tup_read bigint NOT NULL,
  indexes oid[], lock_before text, PRIMARY KEY (pid, relid)
);
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.rewrites (pid int NOT NULL, relid oid NOT NULL);
${PROBE_SWITCH_SQL}

CREATE OR REPLACE FUNCTION _schemagate.probe_start() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF NOT (SELECT s.on_ FROM _schemagate.probe_switch s) THEN RETURN; END IF;
  -- Only a statement that can change or drop values already in a table needs that table's content
  -- first. CREATE (a table, an index, a foreign key to a parent), an index's DROP or ALTER (an index
  -- holds no values of its own), COMMENT and GRANT cannot, and they are most of a typical history's
  -- DDL: skipping them saves the name match and the summary.
  IF TG_TAG NOT LIKE 'CREATE %' AND TG_TAG NOT IN ('DROP INDEX', 'ALTER INDEX', 'COMMENT', 'GRANT', 'REVOKE',
      'SECURITY LABEL') THEN
    PERFORM _schemagate.capture_named(pg_catalog.current_query(), TG_TAG);
  END IF;
  -- The scan counters of the xact functions are the backend's pending (unflushed) ones, which may
  -- include earlier transactions of the last second, so the first statement of a transaction takes
  -- a baseline of every table with a count (pg_class with the counter functions, not the
  -- pg_stat_xact_user_tables view). Within the transaction only the tables it has locked can have
  -- counted anything since (a scan needs a lock, and pending counts are flushed only between
  -- transactions), so later statements refresh just those rows: one scan of pg_class per
  -- transaction instead of per statement. The index list is kept for locked tables only (others
  -- cannot have an index from an earlier statement of this transaction).
  IF EXISTS (SELECT 1 FROM _schemagate.scan_baseline b
      WHERE b.pid = pg_catalog.pg_backend_pid() AND b.xid = pg_catalog.pg_current_xact_id()) THEN
    INSERT INTO _schemagate.scan_baseline
    SELECT pg_catalog.pg_backend_pid(), l.relation, pg_catalog.pg_current_xact_id(),
      pg_catalog.pg_stat_get_xact_numscans(l.relation), pg_catalog.pg_stat_get_xact_tuples_returned(l.relation),
      ARRAY(SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = l.relation), l.mode
    FROM (${MY_LOCKS}) l
    JOIN pg_catalog.pg_class c ON c.oid = l.relation
    WHERE c.relkind IN ('r', 'p', 'm') AND c.relnamespace <> '_schemagate'::pg_catalog.regnamespace
    ON CONFLICT (pid, relid) DO UPDATE SET xid = excluded.xid, seq_scan = excluded.seq_scan,
      seq_tup_read = excluded.seq_tup_read, indexes = excluded.indexes, lock_before = excluded.lock_before;
    RETURN;
  END IF;
  DELETE FROM _schemagate.scan_baseline WHERE pid = pg_catalog.pg_backend_pid();
  INSERT INTO _schemagate.scan_baseline
  WITH locked AS MATERIALIZED (${MY_LOCKS})
  SELECT pg_catalog.pg_backend_pid(), c.oid, pg_catalog.pg_current_xact_id(),
    pg_catalog.pg_stat_get_xact_numscans(c.oid), pg_catalog.pg_stat_get_xact_tuples_returned(c.oid),
    CASE WHEN locked.relation IS NOT NULL
      THEN ARRAY(SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid) END,
    locked.mode
  FROM pg_catalog.pg_class c LEFT JOIN locked ON locked.relation = c.oid
  WHERE c.relkind IN ('r', 'p', 'm') AND c.relnamespace <> '_schemagate'::pg_catalog.regnamespace
    AND (pg_catalog.pg_stat_get_xact_numscans(c.oid) > 0 OR locked.relation IS NOT NULL);
EXCEPTION WHEN OTHERS THEN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION _schemagate.lock_probe_rewrite() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF NOT (SELECT s.on_ FROM _schemagate.probe_switch s) THEN RETURN; END IF;
  INSERT INTO _schemagate.rewrites VALUES (pg_catalog.pg_backend_pid(), pg_catalog.pg_event_trigger_table_rewrite_oid());
EXCEPTION WHEN OTHERS THEN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION _schemagate.lock_probe_end() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  me int := pg_catalog.pg_backend_pid();
BEGIN
  IF NOT (SELECT s.on_ FROM _schemagate.probe_switch s) THEN RETURN; END IF;
  -- One row per user table with rows on which this backend now holds a lock that blocks writes,
  -- with the strongest mode it holds: nothing else can be a hazard, or a quiet statement worth
  -- naming, so nothing else is written. pg_locks is built from the whole lock table on every read:
  -- read it once, this backend's relation locks only. A table that has rows after the statement had
  -- them while the statement worked (DDL does not add rows), unless the statement created it.
  INSERT INTO _schemagate.lock_log (statement, command_tag, relid, relation, lock, scans, rows_read, rewritten,
    built_index, lock_before)
  WITH mine AS MATERIALIZED (${MY_LOCKS})
  SELECT pg_catalog.current_query(), TG_TAG, c.oid,
    pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
    mine.mode,
    pg_catalog.pg_stat_get_xact_numscans(c.oid) - COALESCE(b.seq_scan, 0),
    pg_catalog.pg_stat_get_xact_tuples_returned(c.oid) - COALESCE(b.seq_tup_read, 0),
    EXISTS (SELECT 1 FROM _schemagate.rewrites r WHERE r.pid = me AND r.relid = c.oid),
    -- An index the table did not have when the statement started (CREATE INDEX, ADD PRIMARY KEY/UNIQUE):
    -- one the baseline does not list, or, for a table this transaction had not locked before, one
    -- created by this transaction.
    EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = c.oid AND CASE WHEN b.indexes IS NOT NULL THEN i.indexrelid <> ALL (b.indexes)
        ELSE ic.xmin = pg_catalog.pg_current_xact_id()::xid END),
    -- The mode already held when the statement started (an earlier statement of the transaction
    -- took it): a lock this statement did not take is not its to explain.
    CASE WHEN b.xid = pg_catalog.pg_current_xact_id() THEN b.lock_before END
  FROM mine
  JOIN pg_catalog.pg_class c ON c.oid = mine.relation
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN _schemagate.scan_baseline b ON b.pid = me AND b.relid = c.oid
  WHERE mine.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
    AND c.relkind IN ('r', 'm') AND ${USER_RELATION} AND pg_catalog.pg_relation_size(c.oid) > 0;
  DELETE FROM _schemagate.rewrites WHERE pid = me;
EXCEPTION WHEN OTHERS THEN NULL;
END $fn$;

DROP EVENT TRIGGER IF EXISTS schemagate_probe_start;
DROP EVENT TRIGGER IF EXISTS schemagate_lock_probe_rewrite;
DROP EVENT TRIGGER IF EXISTS schemagate_lock_probe_end;
CREATE EVENT TRIGGER schemagate_probe_start ON ddl_command_start EXECUTE FUNCTION _schemagate.probe_start();
CREATE EVENT TRIGGER schemagate_lock_probe_rewrite ON table_rewrite EXECUTE FUNCTION _schemagate.lock_probe_rewrite();
CREATE EVENT TRIGGER schemagate_lock_probe_end ON ddl_command_end EXECUTE FUNCTION _schemagate.lock_probe_end();
`;
