-- KPI speed (issue #17): each purchase carries a copy of its customer's segment, like the sign-up and churn times
-- (migration 20261125090000_purchase_prev_at), so a segment cut of /kpi, and every segment of a KPI alert at once,
-- is the same one scan of the covering index as all customers (a filter, or a GROUP BY), not a per-customer grouping
-- joined with KpiCustomer. Kept by the same triggers for every writer, and set by the ingestion INSERT (trusted).
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

ALTER TABLE "Purchase" ADD COLUMN "customerSegment" TEXT;

DROP INDEX "Purchase_kpi_teamId_at_idx";

-- Copies the customer's sign-up and churn times and segment onto the purchases `ids` (with their customer ids and the
-- values they hold, same order) that hold other values.
CREATE FUNCTION purchase_customer_facts_fix(ids BIGINT[], cids BIGINT[], signed TIMESTAMPTZ[], churned TIMESTAMPTZ[], segs TEXT[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF ids IS NULL THEN
    RETURN\073
  END IF\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''on'', true)\073
  EXECUTE $q$
    UPDATE "Purchase" u SET "customerSignedUpAt" = x."signedUpAt", "customerChurnedAt" = x."churnedAt", "customerSegment" = x."segment"
    FROM (
      SELECT n.id, c."signedUpAt", c."churnedAt", c."segment"
      FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::timestamptz[], $5::text[]) AS n(id, cid, signed, churned, seg)
      JOIN "Customer" c ON c.id = n.cid
      WHERE n.signed IS DISTINCT FROM c."signedUpAt" OR n.churned IS DISTINCT FROM c."churnedAt" OR n.seg IS DISTINCT FROM c."segment"
    ) x
    WHERE u.id = x.id
  $q$ USING ids, cids, signed, churned, segs\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''off'', true)\073
END ';

CREATE OR REPLACE FUNCTION kpi_purchase_insert() RETURNS trigger LANGUAGE plpgsql AS E'
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
  IF current_setting(''rd.kpi_columns_trusted'', true) = ''on'' THEN
    -- The ingestion INSERT computed the new rows'' columns (it sets this flag for its own statement): only stored
    -- purchases after a new one can be wrong. A customer has such rows when more of its purchases lie at or
    -- after its earliest new time than this statement added.
    PERFORM purchase_prev_fix(array_agg(c.cid), array_agg(c.from_at))
    FROM (SELECT "customerId" AS cid, min("at") AS from_at, count(*) AS n FROM new_rows GROUP BY 1) c
    WHERE (SELECT count(*) FROM "Purchase" q WHERE q."customerId" = c.cid AND q."at" >= c.from_at) > c.n\073
    RETURN NULL\073
  END IF\073
  PERFORM purchase_prev_fix(array_agg(c.cid), array_agg(c.from_at))
  FROM (SELECT "customerId" AS cid, min("at") AS from_at FROM new_rows GROUP BY 1) c\073
  PERFORM purchase_customer_facts_fix(array_agg(id), array_agg("customerId"), array_agg("customerSignedUpAt"), array_agg("customerChurnedAt"), array_agg("customerSegment"))
  FROM new_rows\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION kpi_purchase_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF current_setting(''rd.kpi_columns_fix'', true) = ''on'' THEN
    RETURN NULL\073
  END IF\073
  IF NOT EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n."customerId" IS DISTINCT FROM o."customerId" OR n."at" IS DISTINCT FROM o."at"
      OR n."amount" IS DISTINCT FROM o."amount" OR n."teamId" IS DISTINCT FROM o."teamId"
  ) THEN
    RETURN NULL\073
  END IF\073
  PERFORM kpi_recompute_customers(ARRAY(SELECT "customerId" FROM old_rows UNION SELECT "customerId" FROM new_rows))\073
  PERFORM purchase_prev_fix(array_agg(c.cid), array_agg(c.from_at))
  FROM (SELECT cid, min(at) AS from_at FROM (
    SELECT "customerId" AS cid, "at" FROM old_rows UNION ALL SELECT "customerId", "at" FROM new_rows) x GROUP BY 1) c\073
  PERFORM purchase_customer_facts_fix(array_agg(id), array_agg("customerId"), array_agg("customerSignedUpAt"), array_agg("customerChurnedAt"), array_agg("customerSegment"))
  FROM new_rows\073
  RETURN NULL\073
END ';

DROP FUNCTION purchase_customer_facts_fix(BIGINT[], BIGINT[], TIMESTAMPTZ[], TIMESTAMPTZ[]);

-- A customer's new sign-up time, churn time or segment reaches their purchases.
CREATE OR REPLACE FUNCTION purchase_customer_facts_of(cids BIGINT[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF cids IS NULL THEN
    RETURN\073
  END IF\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''on'', true)\073
  EXECUTE $q$
    UPDATE "Purchase" p SET "customerSignedUpAt" = c."signedUpAt", "customerChurnedAt" = c."churnedAt", "customerSegment" = c."segment"
    FROM (SELECT c.id, c."signedUpAt", c."churnedAt", c."segment" FROM unnest($1::bigint[]) AS x(cid) JOIN "Customer" c ON c.id = x.cid) c
    WHERE p."customerId" = c.id
      AND (p."customerSignedUpAt" IS DISTINCT FROM c."signedUpAt" OR p."customerChurnedAt" IS DISTINCT FROM c."churnedAt"
        OR p."customerSegment" IS DISTINCT FROM c."segment")
  $q$ USING cids\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''off'', true)\073
END ';

CREATE OR REPLACE FUNCTION purchase_customer_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM purchase_customer_facts_of(array_agg(n.id))
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n."signedUpAt" IS DISTINCT FROM o."signedUpAt" OR n."churnedAt" IS DISTINCT FROM o."churnedAt"
    OR n."segment" IS DISTINCT FROM o."segment"\073
  RETURN NULL\073
END ';

-- Purchases stored before this migration (before the index is rebuilt: one index build, not an entry per row).
-- The update trigger is told this is a column fix, as purchase_customer_facts_fix does: otherwise it compares every
-- old and new row of the table (more than 25 minutes at 10,000,000 purchases). Local to the migration transaction.
SELECT set_config('rd.kpi_columns_fix', 'on', true);
UPDATE "Purchase" p SET "customerSegment" = c."segment"
FROM "Customer" c WHERE c.id = p."customerId" AND c."segment" IS NOT NULL;
SELECT set_config('rd.kpi_columns_fix', 'off', true);

-- The KPI scan still reads everything from this index alone, the segment included.
CREATE INDEX "Purchase_kpi_teamId_at_idx" ON "Purchase"("teamId", "at")
  INCLUDE ("customerId", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt", "customerSegment");
