-- KPI speed (issue #17): closed periods' counts kept (KpiPeriodRollup), so a 12-period trend computes only the
-- periods a change reached. Kept exact by statement triggers with transition tables, for every writer (import, API,
-- replicas, raw SQL), on the tables the counts read: Purchase, KpiCustomer (which mirrors Customer) and
-- SurveyResponse. A change reaching time x reaches every period ending after x:
--   - a purchase at x (inserted, deleted, or updated from or to x) changes window counts and revenue before the end
--     of every period ending after x, and the prevAt of the customer's later purchases (all after x),
--   - a customer's churn, sign-up, acquisition or first-purchase time moving between a and b: periods ending after
--     min(a, b) (and a sign-up change also the customer's first purchase, which reactivation reads when there is none),
--   - a segment or workspace change: every period of the workspace ('-infinity'),
--   - a survey response at x: its period (and so every period ending after x).
-- The race (a computation reading before a writer commits must not store what the writer's delete already passed):
--   - each trigger takes a shared advisory lock on its workspace (7420, hashtext(teamId)) until its transaction
--     ends, appends (team, since, its transaction id) to KpiChangeLog and deletes the rollups ending after since,
--   - the reader records pg_current_snapshot() before reading anything. kpi_rollup_store (one call, one transaction)
--     stores nothing unless it gets the workspace's lock exclusively at once (no writer of the workspace is between
--     its trigger and its commit, and a later writer's delete waits for the store and then sees its rows), and stores
--     a period only if no change row with since < its end belongs to a transaction the reader's snapshot did not see.
--     The check runs in a statement after the lock, so every writer that committed before is in its snapshot.
--   - TRUNCATE takes the exclusive global lock (7421, 0) that every store takes shared.
-- Change rows are pruned after an hour. A store whose snapshot is older than 10 minutes stores nothing.
-- The fixes' own UPDATEs of Purchase (rd.kpi_columns_fix: prevAt and the customer copies) follow a change logged
-- here (a purchase at or before the rows they fix, or a KpiCustomer change) and are not logged again.
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

-- CreateTable
CREATE TABLE "KpiPeriodRollup" (
    "teamId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "periodFrom" TIMESTAMPTZ(3) NOT NULL,
    "periodTo" TIMESTAMPTZ(3) NOT NULL,
    "windowFrom" TIMESTAMPTZ(3) NOT NULL,
    "windowTo" TIMESTAMPTZ(3) NOT NULL,
    "counts" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiPeriodRollup_pkey" PRIMARY KEY ("teamId","periodTo","segment","periodFrom","windowFrom","windowTo")
);

-- CreateTable
CREATE TABLE "KpiChangeLog" (
    "id" BIGSERIAL NOT NULL,
    "team" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "xid" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiChangeLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KpiChangeLog_team_since_idx" ON "KpiChangeLog"("team", "since");

-- CreateIndex
CREATE INDEX "KpiChangeLog_at_idx" ON "KpiChangeLog"("at");

-- Every period ending after sinces[i] of workspace teams[i] changed (same order: a workspace may repeat).
CREATE FUNCTION kpi_rollups_invalidate(teams TEXT[], sinces TIMESTAMPTZ[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF teams IS NULL OR cardinality(teams) = 0 THEN
    RETURN\073
  END IF\073
  PERFORM pg_advisory_xact_lock_shared(7420, hashtext(t)) FROM (SELECT DISTINCT t FROM unnest(teams) AS x(t) WHERE t IS NOT NULL) d\073
  INSERT INTO "KpiChangeLog" ("team", "since", "xid")
  SELECT t, min(s), pg_current_xact_id()::text::bigint FROM unnest(teams, sinces) AS c(t, s) WHERE t IS NOT NULL GROUP BY t\073
  DELETE FROM "KpiPeriodRollup" r
  USING (SELECT t, min(s) AS s FROM unnest(teams, sinces) AS c(t, s) WHERE t IS NOT NULL GROUP BY t) c
  WHERE r."teamId" = c.t AND r."periodTo" > c.s\073
  -- Old change rows, a few at a time, never waiting for another writer pruning the same rows.
  DELETE FROM "KpiChangeLog" WHERE "id" IN (
    SELECT "id" FROM "KpiChangeLog" WHERE "at" < now() - interval ''1 hour'' LIMIT 100 FOR UPDATE SKIP LOCKED)\073
END ';

CREATE FUNCTION kpi_rollups_purchase_insert_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (SELECT "teamId" AS t, min("at") AS s FROM new_rows GROUP BY 1) x\073
  ELSE
    PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (SELECT "teamId" AS t, min("at") AS s FROM old_rows GROUP BY 1) x\073
  END IF\073
  RETURN NULL\073
END ';

-- Any column the counts read, moved or not: from the earlier of the old and new times, in both workspaces.
CREATE FUNCTION kpi_rollups_purchase_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF current_setting(''rd.kpi_columns_fix'', true) = ''on'' THEN
    RETURN NULL\073
  END IF\073
  PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
    SELECT x.t, min(x.s) AS s FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."teamId", LEAST(o."at", n."at")), (n."teamId", LEAST(o."at", n."at"))) AS x(t, s)
    WHERE n."teamId" IS DISTINCT FROM o."teamId" OR n."customerId" IS DISTINCT FROM o."customerId"
      OR n."at" IS DISTINCT FROM o."at" OR n."amount" IS DISTINCT FROM o."amount"
      OR n."prevAt" IS DISTINCT FROM o."prevAt" OR n."customerSignedUpAt" IS DISTINCT FROM o."customerSignedUpAt"
      OR n."customerChurnedAt" IS DISTINCT FROM o."customerChurnedAt" OR n."customerSegment" IS DISTINCT FROM o."customerSegment"
    GROUP BY 1) d\073
  RETURN NULL\073
END ';

-- A customer row added or removed: its acquisition counts from its earliest time (its purchases and survey responses
-- are logged by their own triggers, the cascade of a removal included).
CREATE FUNCTION kpi_rollups_customer_insert_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
      SELECT "teamId" AS t, min(LEAST("signedUpAt", "churnedAt", "acquiredAt", "firstPurchaseAt")) AS s FROM new_rows GROUP BY 1) x
    WHERE x.s IS NOT NULL\073
  ELSE
    PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
      SELECT "teamId" AS t, min(LEAST("signedUpAt", "churnedAt", "acquiredAt", "firstPurchaseAt")) AS s FROM old_rows GROUP BY 1) x
    WHERE x.s IS NOT NULL\073
  END IF\073
  RETURN NULL\073
END ';

-- Revenue, purchase count and last purchase follow purchases (logged there) and are not looked at here.
CREATE FUNCTION kpi_rollups_customer_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
    SELECT x.t, min(c.s) AS s FROM old_rows o JOIN new_rows n ON n."customerId" = o."customerId"
    CROSS JOIN LATERAL (SELECT CASE
      WHEN n."teamId" IS DISTINCT FROM o."teamId" OR n."segment" IS DISTINCT FROM o."segment" THEN ''-infinity''::timestamptz
      ELSE LEAST(
        CASE WHEN n."churnedAt" IS DISTINCT FROM o."churnedAt" THEN LEAST(n."churnedAt", o."churnedAt") END,
        CASE WHEN n."signedUpAt" IS DISTINCT FROM o."signedUpAt"
          THEN LEAST(n."signedUpAt", o."signedUpAt", n."acquiredAt", o."acquiredAt", n."firstPurchaseAt", o."firstPurchaseAt") END,
        CASE WHEN n."acquiredAt" IS DISTINCT FROM o."acquiredAt" THEN LEAST(n."acquiredAt", o."acquiredAt") END,
        CASE WHEN n."firstPurchaseAt" IS DISTINCT FROM o."firstPurchaseAt" THEN LEAST(n."firstPurchaseAt", o."firstPurchaseAt") END)
      END AS s) c
    CROSS JOIN LATERAL (VALUES (o."teamId"), (n."teamId")) AS x(t)
    WHERE c.s IS NOT NULL
    GROUP BY 1) d\073
  RETURN NULL\073
END ';

CREATE FUNCTION kpi_rollups_survey_insert_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (SELECT "teamId" AS t, min("at") AS s FROM new_rows GROUP BY 1) x\073
  ELSE
    PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (SELECT "teamId" AS t, min("at") AS s FROM old_rows GROUP BY 1) x\073
  END IF\073
  RETURN NULL\073
END ';

-- Erasing a customer sets the customerId of its responses to null: an update like any other.
CREATE FUNCTION kpi_rollups_survey_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
    SELECT x.t, min(x.s) AS s FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."teamId", LEAST(o."at", n."at")), (n."teamId", LEAST(o."at", n."at"))) AS x(t, s)
    WHERE n."teamId" IS DISTINCT FROM o."teamId" OR n."customerId" IS DISTINCT FROM o."customerId"
      OR n."at" IS DISTINCT FROM o."at" OR n."kind" IS DISTINCT FROM o."kind" OR n."score" IS DISTINCT FROM o."score"
    GROUP BY 1) d\073
  RETURN NULL\073
END ';

CREATE FUNCTION kpi_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock(7421, 0)\073
  INSERT INTO "KpiChangeLog" ("team", "since", "xid") VALUES (NULL, ''-infinity'', pg_current_xact_id()::text::bigint)\073
  DELETE FROM "KpiPeriodRollup"\073
  RETURN NULL\073
END ';

CREATE TRIGGER kpi_rollups_purchase_insert AFTER INSERT ON "Purchase"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_purchase_insert_delete();
CREATE TRIGGER kpi_rollups_purchase_delete AFTER DELETE ON "Purchase"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_purchase_insert_delete();
CREATE TRIGGER kpi_rollups_purchase_update AFTER UPDATE ON "Purchase"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_purchase_update();
CREATE TRIGGER kpi_rollups_purchase_truncate AFTER TRUNCATE ON "Purchase"
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_truncate();

CREATE TRIGGER kpi_rollups_customer_insert AFTER INSERT ON "KpiCustomer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_customer_insert_delete();
CREATE TRIGGER kpi_rollups_customer_delete AFTER DELETE ON "KpiCustomer"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_customer_insert_delete();
CREATE TRIGGER kpi_rollups_customer_update AFTER UPDATE ON "KpiCustomer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_customer_update();
CREATE TRIGGER kpi_rollups_customer_truncate AFTER TRUNCATE ON "KpiCustomer"
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_truncate();

CREATE TRIGGER kpi_rollups_survey_insert AFTER INSERT ON "SurveyResponse"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_survey_insert_delete();
CREATE TRIGGER kpi_rollups_survey_delete AFTER DELETE ON "SurveyResponse"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_survey_insert_delete();
CREATE TRIGGER kpi_rollups_survey_update AFTER UPDATE ON "SurveyResponse"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_survey_update();
CREATE TRIGGER kpi_rollups_survey_truncate AFTER TRUNCATE ON "SurveyResponse"
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollups_truncate();

-- Stores the computed closed periods `p_periods` (JSON array of {from, to, windowFrom, windowTo, counts}) of one
-- workspace and segment, computed from reads that all began after the snapshot `p_snapshot` was taken at `p_started`.
-- Returns how many rows it stored. See the race above: the locks are taken first, the check and the insert are a
-- later statement, so their snapshot holds every writer that finished before the lock was granted.
CREATE FUNCTION kpi_rollup_store(p_team TEXT, p_segment TEXT, p_snapshot TEXT, p_started TIMESTAMPTZ, p_periods JSONB) RETURNS INTEGER LANGUAGE plpgsql AS E'
DECLARE
  stored INTEGER\073
BEGIN
  IF clock_timestamp() - p_started > interval ''10 minutes'' THEN
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
