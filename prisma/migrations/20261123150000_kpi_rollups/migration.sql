-- KPI engine (issue #4): a per-customer rollup kept exact by triggers, so every writer of Customer and
-- Purchase (CSV importer, ingestion API, tests, raw SQL) keeps it right without calling anything.
-- Statement-level triggers with transition tables: a bulk insert of N rows runs one aggregate upsert, not N.
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

CREATE TABLE "KpiCustomer" (
    "customerId"      BIGINT NOT NULL,
    "teamId"          TEXT NOT NULL,
    "segment"         TEXT,
    "signedUpAt"      TIMESTAMPTZ(3),
    "churnedAt"       TIMESTAMPTZ(3),
    "firstPurchaseAt" TIMESTAMPTZ(3),
    "lastPurchaseAt"  TIMESTAMPTZ(3),
    "purchaseCount"   BIGINT NOT NULL DEFAULT 0,
    "revenue"         DECIMAL(20,2) NOT NULL DEFAULT 0,
    -- sign-up time, or the first purchase when no sign-up time is known
    "acquiredAt"      TIMESTAMPTZ(3),
    CONSTRAINT "KpiCustomer_pkey" PRIMARY KEY ("customerId"),
    CONSTRAINT "KpiCustomer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "KpiCustomer_teamId_acquiredAt_idx" ON "KpiCustomer"("teamId", "acquiredAt");
CREATE INDEX "KpiCustomer_teamId_segment_idx" ON "KpiCustomer"("teamId", "segment");

-- The KPI scan reads purchases of a date range: covering it avoids heap visits.
CREATE INDEX "Purchase_kpi_teamId_at_idx" ON "Purchase"("teamId", "at") INCLUDE ("customerId", "amount");

CREATE FUNCTION kpi_customer_upsert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "KpiCustomer" ("customerId", "teamId", "segment", "signedUpAt", "churnedAt", "acquiredAt")
  SELECT n."id", n."teamId", n."segment", n."signedUpAt", n."churnedAt", n."signedUpAt" FROM new_rows n
  ON CONFLICT ("customerId") DO UPDATE SET
    "teamId" = EXCLUDED."teamId",
    "segment" = EXCLUDED."segment",
    "signedUpAt" = EXCLUDED."signedUpAt",
    "churnedAt" = EXCLUDED."churnedAt",
    "acquiredAt" = COALESCE(EXCLUDED."signedUpAt", "KpiCustomer"."firstPurchaseAt")\073
  RETURN NULL\073
END ';

CREATE TRIGGER kpi_customer_insert AFTER INSERT ON "Customer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_customer_upsert();
CREATE TRIGGER kpi_customer_update AFTER UPDATE ON "Customer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_customer_upsert();

-- Inserts only add: merge the batch's aggregate into each customer's row.
CREATE FUNCTION kpi_purchase_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "KpiCustomer" k SET
    "firstPurchaseAt" = LEAST(k."firstPurchaseAt", a.first_at),
    "lastPurchaseAt"  = GREATEST(k."lastPurchaseAt", a.last_at),
    "purchaseCount"   = k."purchaseCount" + a.n,
    "revenue"         = k."revenue" + a.rev,
    "acquiredAt"      = COALESCE(k."signedUpAt", LEAST(k."firstPurchaseAt", a.first_at))
  FROM (
    SELECT "customerId", min("at") AS first_at, max("at") AS last_at, count(*) AS n, sum("amount") AS rev
    FROM new_rows GROUP BY "customerId"
  ) a
  WHERE k."customerId" = a."customerId"\073
  RETURN NULL\073
END ';

-- Updates and deletes can remove a customer's first or last purchase: recompute those customers exactly.
CREATE FUNCTION kpi_recompute_customers(ids BIGINT[]) RETURNS void LANGUAGE sql AS E'
  UPDATE "KpiCustomer" k SET
    "firstPurchaseAt" = a.first_at,
    "lastPurchaseAt"  = a.last_at,
    "purchaseCount"   = a.n,
    "revenue"         = COALESCE(a.rev, 0),
    "acquiredAt"      = COALESCE(k."signedUpAt", a.first_at)
  FROM (
    SELECT c.id AS "customerId", min(p."at") AS first_at, max(p."at") AS last_at, count(p.id) AS n, sum(p."amount") AS rev
    FROM (SELECT DISTINCT unnest(ids) AS id) c
    LEFT JOIN "Purchase" p ON p."customerId" = c.id
    GROUP BY c.id
  ) a
  WHERE k."customerId" = a."customerId"\073
';

CREATE FUNCTION kpi_purchase_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_recompute_customers(ARRAY(SELECT DISTINCT "customerId" FROM old_rows))\073
  RETURN NULL\073
END ';

CREATE FUNCTION kpi_purchase_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_recompute_customers(ARRAY(SELECT "customerId" FROM old_rows UNION SELECT "customerId" FROM new_rows))\073
  RETURN NULL\073
END ';

CREATE TRIGGER kpi_purchase_insert AFTER INSERT ON "Purchase"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_purchase_insert();
CREATE TRIGGER kpi_purchase_update AFTER UPDATE ON "Purchase"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_purchase_update();
CREATE TRIGGER kpi_purchase_delete AFTER DELETE ON "Purchase"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_purchase_delete();

-- Customers and purchases stored before this migration.
INSERT INTO "KpiCustomer" ("customerId", "teamId", "segment", "signedUpAt", "churnedAt")
SELECT "id", "teamId", "segment", "signedUpAt", "churnedAt" FROM "Customer";
SELECT kpi_recompute_customers(ARRAY(SELECT "id" FROM "Customer"));
