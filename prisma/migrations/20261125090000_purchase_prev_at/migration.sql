-- KPI engine (issue #4): counts of customers from one scan of purchases, without grouping them by customer.
-- Each purchase carries
--   "prevAt": the time of the same customer's purchase just before it (in (at, id) order, NULL for a first
--     purchase). A purchase in [a, b) whose prevAt is NULL or < a is the first of its customer in [a, b), so
--     counting those rows counts the customers purchasing in [a, b).
--   "customerSignedUpAt", "customerChurnedAt": copies of its customer's sign-up and churn times, so churn and
--     acquisition conditions are tested on the row (no join with customers per purchase).
-- Kept exact by the statement triggers below for every writer. The importer and the ingestion API compute them in
-- their INSERT and flag it (rd.kpi_columns_trusted): the insert trigger then only fixes stored purchases that now
-- have a new predecessor. Any other insert is checked row by row and corrected.
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

ALTER TABLE "Purchase" ADD COLUMN "prevAt" TIMESTAMPTZ(3),
  ADD COLUMN "customerSignedUpAt" TIMESTAMPTZ(3),
  ADD COLUMN "customerChurnedAt" TIMESTAMPTZ(3);

-- The KPI scan reads everything it needs from this index alone. The plain (teamId, at) index duplicated its
-- key: dropped, one index insert less per purchase.
DROP INDEX "Purchase_kpi_teamId_at_idx";
DROP INDEX "Purchase_teamId_at_idx";
CREATE INDEX "Purchase_kpi_teamId_at_idx" ON "Purchase"("teamId", "at")
  INCLUDE ("customerId", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt");

-- The three fixes below flag their own UPDATEs (rd.kpi_columns_fix) so kpi_purchase_update ignores them. Their
-- statements are EXECUTEd with the arrays as USING parameters: planned for each call with the arrays' real sizes
-- (a static statement would be planned for unnest's default of 10 rows, and at 2,000,000 rows that plan rescanned
-- the array for every row of the other side). purchase_prev_fix reaches each customer's purchases through a LATERAL
-- subquery on the (customerId, at) index, so its work follows the rows touched, not the size of the table.

-- Sets prevAt right for the purchases of each customer in `cids` from `from_ats` (same order) on: the rows
-- at or after that time get the time of the row before them. Writes only the rows whose value is wrong.
CREATE FUNCTION purchase_prev_fix(cids BIGINT[], from_ats TIMESTAMPTZ[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF cids IS NULL THEN
    RETURN\073
  END IF\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''on'', true)\073
  EXECUTE $q$
    UPDATE "Purchase" u SET "prevAt" = r.want
    FROM (
      SELECT p.id, p."at", p."prevAt", c.from_at,
        lag(p."at") OVER (PARTITION BY p."customerId" ORDER BY p."at", p.id) AS want
      FROM unnest($1::bigint[], $2::timestamptz[]) AS c(cid, from_at)
      CROSS JOIN LATERAL (
        SELECT q.id, q."at", q."prevAt", q."customerId" FROM "Purchase" q
        WHERE q."customerId" = c.cid AND q."at" >= COALESCE(
          (SELECT max(q2."at") FROM "Purchase" q2 WHERE q2."customerId" = c.cid AND q2."at" < c.from_at), c.from_at)
      ) p
    ) r
    WHERE u.id = r.id AND r."at" >= r.from_at AND r."prevAt" IS DISTINCT FROM r.want
  $q$ USING cids, from_ats\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''off'', true)\073
END ';

-- Copies the customer's sign-up and churn times onto the purchases `ids` (with their customer ids and the values
-- they hold, same order) that hold other values.
CREATE FUNCTION purchase_customer_facts_fix(ids BIGINT[], cids BIGINT[], signed TIMESTAMPTZ[], churned TIMESTAMPTZ[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF ids IS NULL THEN
    RETURN\073
  END IF\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''on'', true)\073
  EXECUTE $q$
    UPDATE "Purchase" u SET "customerSignedUpAt" = x."signedUpAt", "customerChurnedAt" = x."churnedAt"
    FROM (
      SELECT n.id, c."signedUpAt", c."churnedAt"
      FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::timestamptz[]) AS n(id, cid, signed, churned)
      JOIN "Customer" c ON c.id = n.cid
      WHERE n.signed IS DISTINCT FROM c."signedUpAt" OR n.churned IS DISTINCT FROM c."churnedAt"
    ) x
    WHERE u.id = x.id
  $q$ USING ids, cids, signed, churned\073
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
  PERFORM purchase_customer_facts_fix(array_agg(id), array_agg("customerId"), array_agg("customerSignedUpAt"), array_agg("customerChurnedAt"))
  FROM new_rows\073
  RETURN NULL\073
END ';

-- A delete re-orders its customers from the earliest deleted time on.
CREATE OR REPLACE FUNCTION kpi_purchase_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_recompute_customers(ARRAY(SELECT DISTINCT "customerId" FROM old_rows))\073
  PERFORM purchase_prev_fix(array_agg(c.cid), array_agg(c.from_at))
  FROM (SELECT "customerId" AS cid, min("at") AS from_at FROM old_rows GROUP BY 1) c\073
  RETURN NULL\073
END ';

-- The fixes' own UPDATEs (flagged rd.kpi_columns_fix) only write the KPI columns and stop at once here. Other
-- updates that touch none of customerId, at, amount, teamId change no order and no sum, and stop early too.
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
  PERFORM purchase_customer_facts_fix(array_agg(id), array_agg("customerId"), array_agg("customerSignedUpAt"), array_agg("customerChurnedAt"))
  FROM new_rows\073
  RETURN NULL\073
END ';

-- A customer's new sign-up or churn time reaches their purchases.
CREATE FUNCTION purchase_customer_facts_of(cids BIGINT[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF cids IS NULL THEN
    RETURN\073
  END IF\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''on'', true)\073
  EXECUTE $q$
    UPDATE "Purchase" p SET "customerSignedUpAt" = c."signedUpAt", "customerChurnedAt" = c."churnedAt"
    FROM (SELECT c.id, c."signedUpAt", c."churnedAt" FROM unnest($1::bigint[]) AS x(cid) JOIN "Customer" c ON c.id = x.cid) c
    WHERE p."customerId" = c.id
      AND (p."customerSignedUpAt" IS DISTINCT FROM c."signedUpAt" OR p."customerChurnedAt" IS DISTINCT FROM c."churnedAt")
  $q$ USING cids\073
  PERFORM set_config(''rd.kpi_columns_fix'', ''off'', true)\073
END ';

CREATE FUNCTION purchase_customer_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM purchase_customer_facts_of(array_agg(n.id))
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n."signedUpAt" IS DISTINCT FROM o."signedUpAt" OR n."churnedAt" IS DISTINCT FROM o."churnedAt"\073
  RETURN NULL\073
END ';

CREATE TRIGGER purchase_customer_changed AFTER UPDATE ON "Customer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION purchase_customer_changed();

-- Purchases stored before this migration.
UPDATE "Purchase" u SET "prevAt" = r.want
FROM (SELECT id, lag("at") OVER (PARTITION BY "customerId" ORDER BY "at", id) AS want FROM "Purchase") r
WHERE u.id = r.id AND r.want IS NOT NULL;
UPDATE "Purchase" p SET "customerSignedUpAt" = c."signedUpAt", "customerChurnedAt" = c."churnedAt"
FROM "Customer" c WHERE c.id = p."customerId" AND (c."signedUpAt" IS NOT NULL OR c."churnedAt" IS NOT NULL);
