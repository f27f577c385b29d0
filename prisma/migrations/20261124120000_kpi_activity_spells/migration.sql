-- KPI fast path (docs/kpis.md, "Storage"): per-customer activity spells for the workspace's configured window.
-- A spell [startDay, endDay) of local days says: at the start (local midnight) of every day D with
-- startDay <= D < endDay the customer has a purchase in [D - window, D), i.e. is active unless churned.
-- A purchase on boundary-day L makes the customer active at D = L + 1 .. L + window, and spells are those ranges
-- merged (two purchase days d1 < d2 share a spell when d2 - d1 <= window).
-- Kept exact by statement-level triggers on Purchase (all writers), rebuilt when the window or time zone changes
-- (kpi_spells_sync, called by updateWorkspace). KpiSpellConfig records the window and time zone the spells were
-- built for: computeKpis only reads spells when they match the request, and falls back to the exact scan otherwise.
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

CREATE TABLE "KpiSpellConfig" (
    "teamId"     TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "timeZone"   TEXT NOT NULL,
    "builtAt"    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "KpiSpellConfig_pkey" PRIMARY KEY ("teamId")
);

CREATE TABLE "KpiSpell" (
    "teamId"     TEXT NOT NULL,
    "customerId" BIGINT NOT NULL,
    "startDay"   DATE NOT NULL,
    "endDay"     DATE NOT NULL,
    CONSTRAINT "KpiSpell_pkey" PRIMARY KEY ("customerId", "startDay"),
    CONSTRAINT "KpiSpell_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- The fast path reads the spells that end after the first boundary (recent periods: a short range).
CREATE INDEX "KpiSpell_teamId_endDay_idx" ON "KpiSpell"("teamId", "endDay") INCLUDE ("startDay", "customerId");

-- The boundary day of an instant: the latest local day whose first instant is <= at. Equal to the local date
-- except where DST ends across midnight (local time runs back into the previous day): there the repeated hour
-- still belongs to the day that had begun, as in the exact path, which compares instants with day starts.
CREATE FUNCTION kpi_local_day(at TIMESTAMPTZ, tz TEXT) RETURNS DATE LANGUAGE sql STABLE AS E'
  SELECT GREATEST((at AT TIME ZONE tz)::date, ((at - interval ''3 hours'') AT TIME ZONE tz)::date)
';

-- Spells of some customers (ids) recomputed from all their purchases, with their team's configured window
-- (customers of the teams in `done`, just rebuilt whole, are left alone).
CREATE FUNCTION kpi_spells_recompute(ids BIGINT[], done TEXT[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "KpiSpell" WHERE "customerId" = ANY(ids) AND "teamId" <> ALL(done)\073
  INSERT INTO "KpiSpell" ("teamId", "customerId", "startDay", "endDay")
  SELECT team, cid, min(d) + 1, max(d) + w + 1
  FROM (
    SELECT team, cid, d, w, sum(brk) OVER (PARTITION BY cid ORDER BY d) AS spell
    FROM (
      SELECT team, cid, d, w, CASE WHEN d - lag(d) OVER (PARTITION BY cid ORDER BY d) <= w THEN 0 ELSE 1 END AS brk
      FROM (
        SELECT DISTINCT p."teamId" AS team, p."customerId" AS cid, kpi_local_day(p."at", c."timeZone") AS d, c."windowDays" AS w
        FROM "Purchase" p JOIN "KpiSpellConfig" c ON c."teamId" = p."teamId"
        WHERE p."customerId" = ANY(ids) AND p."teamId" <> ALL(done)
      ) days
    ) breaks
  ) spells
  GROUP BY team, cid, w, spell\073
END ';

-- All spells of a team rebuilt for the workspace's current window and time zone (defaults 90, UTC).
CREATE FUNCTION kpi_spells_rebuild(team TEXT) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "KpiSpellConfig" ("teamId", "windowDays", "timeZone", "builtAt")
  SELECT team, COALESCE(w."activityWindowDays", 90), COALESCE(w."timeZone", ''UTC''), now()
  FROM (SELECT 1) one LEFT JOIN "Workspace" w ON w."teamId" = team
  ON CONFLICT ("teamId") DO UPDATE SET
    "windowDays" = EXCLUDED."windowDays", "timeZone" = EXCLUDED."timeZone", "builtAt" = EXCLUDED."builtAt"\073
  DELETE FROM "KpiSpell" WHERE "teamId" = team\073
  INSERT INTO "KpiSpell" ("teamId", "customerId", "startDay", "endDay")
  SELECT team, cid, min(d) + 1, max(d) + w + 1
  FROM (
    SELECT cid, d, w, sum(brk) OVER (PARTITION BY cid ORDER BY d) AS spell
    FROM (
      SELECT cid, d, w, CASE WHEN d - lag(d) OVER (PARTITION BY cid ORDER BY d) <= w THEN 0 ELSE 1 END AS brk
      FROM (
        SELECT DISTINCT p."customerId" AS cid, kpi_local_day(p."at", c."timeZone") AS d, c."windowDays" AS w
        FROM "Purchase" p JOIN "KpiSpellConfig" c ON c."teamId" = p."teamId"
        WHERE p."teamId" = team
      ) days
    ) breaks
  ) spells
  GROUP BY cid, w, spell\073
END ';

-- Rebuilds a team's spells when its workspace window or time zone differs from what they were built for.
-- Returns whether it rebuilt.
CREATE FUNCTION kpi_spells_sync(team TEXT) RETURNS boolean LANGUAGE plpgsql AS E'
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT 1) one
    LEFT JOIN "Workspace" w ON w."teamId" = team
    LEFT JOIN "KpiSpellConfig" c ON c."teamId" = team
    WHERE c."teamId" IS NULL OR c."windowDays" <> COALESCE(w."activityWindowDays", 90) OR c."timeZone" <> COALESCE(w."timeZone", ''UTC'')
  ) THEN
    PERFORM kpi_spells_rebuild(team)\073
    RETURN true\073
  END IF\073
  RETURN false\073
END ';

-- Purchase writers: the customers touched by the statement get their spells recomputed. A team seen for the
-- first time gets its configuration (and, should it already hold purchases, all its spells) first. The
-- KpiCustomer rollup triggers (named kpi_purchase_*, so they fire before these kpi_spells_* triggers) have
-- already locked the touched customers' KpiCustomer rows, which serializes concurrent writers per customer:
-- the second one recomputes after the first commits, from a snapshot that sees its purchases.
CREATE FUNCTION kpi_spells_touch(teams TEXT[], ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS E'
DECLARE
  team TEXT\073
  done TEXT[] := ARRAY[]::TEXT[]\073
BEGIN
  FOR team IN SELECT DISTINCT t FROM unnest(teams) t WHERE NOT EXISTS (SELECT 1 FROM "KpiSpellConfig" c WHERE c."teamId" = t) LOOP
    PERFORM kpi_spells_rebuild(team)\073
    done := done || team\073
  END LOOP\073
  -- A concurrent rebuild (window change) holds the configuration row: wait for it, then use its window.
  PERFORM 1 FROM "KpiSpellConfig" c WHERE c."teamId" = ANY(teams) FOR SHARE\073
  PERFORM kpi_spells_recompute(ids, done)\073
END ';

CREATE FUNCTION kpi_spells_purchase_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_spells_touch(ARRAY(SELECT DISTINCT "teamId" FROM new_rows), ARRAY(SELECT DISTINCT "customerId" FROM new_rows))\073
  RETURN NULL\073
END ';

CREATE FUNCTION kpi_spells_purchase_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_spells_touch(ARRAY(SELECT DISTINCT "teamId" FROM old_rows), ARRAY(SELECT DISTINCT "customerId" FROM old_rows))\073
  RETURN NULL\073
END ';

-- Updates that keep team, customer and time (amounts, currency, external ids: the importer's upserts) leave spells alone.
CREATE FUNCTION kpi_spells_purchase_update() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  teams TEXT[]\073
  ids BIGINT[]\073
BEGIN
  SELECT array_agg(DISTINCT m.team), array_agg(DISTINCT m.cid) INTO teams, ids FROM (
    SELECT o."teamId" AS team, o."customerId" AS cid, n."teamId" AS team2, n."customerId" AS cid2
    FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    WHERE (n."teamId", n."customerId", n."at") IS DISTINCT FROM (o."teamId", o."customerId", o."at")
  ) moved, LATERAL (VALUES (moved.team, moved.cid), (moved.team2, moved.cid2)) m(team, cid)\073
  IF ids IS NOT NULL THEN
    PERFORM kpi_spells_touch(teams, ids)\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER kpi_spells_purchase_insert AFTER INSERT ON "Purchase"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_spells_purchase_insert();
CREATE TRIGGER kpi_spells_purchase_update AFTER UPDATE ON "Purchase"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_spells_purchase_update();
CREATE TRIGGER kpi_spells_purchase_delete AFTER DELETE ON "Purchase"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_spells_purchase_delete();

-- Teams that already hold purchases.
SELECT kpi_spells_rebuild(t."teamId") FROM (SELECT DISTINCT "teamId" FROM "Purchase") t;
