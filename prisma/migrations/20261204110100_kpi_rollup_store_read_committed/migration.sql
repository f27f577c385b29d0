-- kpi_rollup_store (migration 20261204110000_kpi_period_rollups) relies on its check and insert getting a snapshot
-- taken after the workspace lock was granted: true under READ COMMITTED (each statement of a volatile function takes
-- a new one), not under REPEATABLE READ or SERIALIZABLE, where the whole transaction reads the snapshot of its first
-- statement, older than the lock. Called in such a transaction, it now stores nothing.
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

CREATE OR REPLACE FUNCTION kpi_rollup_store(p_team TEXT, p_segment TEXT, p_snapshot TEXT, p_started TIMESTAMPTZ, p_periods JSONB) RETURNS INTEGER LANGUAGE plpgsql AS E'
DECLARE
  stored INTEGER\073
BEGIN
  IF clock_timestamp() - p_started > interval ''10 minutes'' OR current_setting(''transaction_isolation'') <> ''read committed'' THEN
    RETURN 0\073
  END IF\073
  IF NOT pg_try_advisory_xact_lock_shared(7421, 0) OR NOT pg_try_advisory_xact_lock(7420, hashtext(p_team)) THEN
    RETURN 0\073
  END IF\073
  INSERT INTO "KpiPeriodRollup" ("teamId", "segment", "periodFrom", "periodTo", "windowFrom", "windowTo", "counts")
  SELECT p_team, p_segment, p."from", p."to", p."windowFrom", p."windowTo", p."counts"
  FROM jsonb_to_recordset(p_periods) AS p("from" timestamptz, "to" timestamptz, "windowFrom" timestamptz, "windowTo" timestamptz, "counts" jsonb)
  WHERE p."to" <= now()
    AND NOT EXISTS (
      SELECT 1 FROM "KpiChangeLog" c
      WHERE (c."team" = p_team OR c."team" IS NULL) AND c."since" < p."to"
        AND NOT pg_visible_in_snapshot(c."xid"::text::xid8, p_snapshot::pg_snapshot))
  ON CONFLICT DO NOTHING\073
  GET DIAGNOSTICS stored = ROW_COUNT\073
  RETURN stored\073
END ';
