-- Statement triggers that paired a statement's old and new rows (JOIN old_rows ... new_rows) were planned as nested
-- loops: PostgreSQL estimates a transition table at one row, so every new row was compared with every old one. An
-- import of 200,000 purchases for 20,000 customers updates 20,000 KpiCustomer rows, and kpi_rollups_customer_update
-- compared 400 million pairs (83 s of a 90 s insert), 200,000 customers forty billion. The rows are now paired
-- without a join, in one pass:
-- - the rollup triggers group the old and new rows by their key (side 0 old, side 1 new) and compare the two values
--   of each column as before,
-- - kpi_purchase_update and purchase_customer_changed only need to know which rows changed: an EXCEPT of the
--   columns they look at. The key never changes in an UPDATE here, so a new row whose columns are not among the old
--   rows is a changed row, as the join found it.

CREATE OR REPLACE FUNCTION kpi_rollups_purchase_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF current_setting(''rd.kpi_columns_fix'', true) = ''on'' THEN
    RETURN NULL\073
  END IF\073
  PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
    SELECT x.t, min(x.s) AS s FROM (
      SELECT min("teamId") FILTER (WHERE side = 0) AS o_team, min("teamId") FILTER (WHERE side = 1) AS n_team,
        min("at") FILTER (WHERE side = 0) AS o_at, min("at") FILTER (WHERE side = 1) AS n_at,
        count(DISTINCT ("teamId", "customerId", "at", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt", "customerSegment")) AS versions
      FROM (SELECT 0 AS side, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) u
      GROUP BY "id"
    ) p
    CROSS JOIN LATERAL (VALUES (p.o_team, LEAST(p.o_at, p.n_at)), (p.n_team, LEAST(p.o_at, p.n_at))) AS x(t, s)
    WHERE p.versions > 1
    GROUP BY 1) d\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION kpi_rollups_customer_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
    SELECT x.t, min(c.s) AS s FROM (
      SELECT min("teamId") FILTER (WHERE side = 0) AS o_team, min("teamId") FILTER (WHERE side = 1) AS n_team,
        count(DISTINCT ("teamId", "segment")) AS team_or_segment,
        min("churnedAt") FILTER (WHERE side = 0) AS o_churned, min("churnedAt") FILTER (WHERE side = 1) AS n_churned,
        min("signedUpAt") FILTER (WHERE side = 0) AS o_signed, min("signedUpAt") FILTER (WHERE side = 1) AS n_signed,
        min("acquiredAt") FILTER (WHERE side = 0) AS o_acquired, min("acquiredAt") FILTER (WHERE side = 1) AS n_acquired,
        min("firstPurchaseAt") FILTER (WHERE side = 0) AS o_first, min("firstPurchaseAt") FILTER (WHERE side = 1) AS n_first
      FROM (SELECT 0 AS side, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) u
      GROUP BY "customerId"
    ) p
    CROSS JOIN LATERAL (SELECT CASE
      WHEN p.team_or_segment > 1 THEN ''-infinity''::timestamptz
      ELSE LEAST(
        CASE WHEN p.n_churned IS DISTINCT FROM p.o_churned THEN LEAST(p.n_churned, p.o_churned) END,
        CASE WHEN p.n_signed IS DISTINCT FROM p.o_signed
          THEN LEAST(p.n_signed, p.o_signed, p.n_acquired, p.o_acquired, p.n_first, p.o_first) END,
        CASE WHEN p.n_acquired IS DISTINCT FROM p.o_acquired THEN LEAST(p.n_acquired, p.o_acquired) END,
        CASE WHEN p.n_first IS DISTINCT FROM p.o_first THEN LEAST(p.n_first, p.o_first) END)
      END AS s) c
    CROSS JOIN LATERAL (VALUES (p.o_team), (p.n_team)) AS x(t)
    WHERE c.s IS NOT NULL
    GROUP BY 1) d\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION kpi_rollups_survey_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM kpi_rollups_invalidate(array_agg(t), array_agg(s)) FROM (
    SELECT x.t, min(x.s) AS s FROM (
      SELECT min("teamId") FILTER (WHERE side = 0) AS o_team, min("teamId") FILTER (WHERE side = 1) AS n_team,
        min("at") FILTER (WHERE side = 0) AS o_at, min("at") FILTER (WHERE side = 1) AS n_at,
        count(DISTINCT ("teamId", "customerId", "at", "kind", "score")) AS versions
      FROM (SELECT 0 AS side, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) u
      GROUP BY "id"
    ) p
    CROSS JOIN LATERAL (VALUES (p.o_team, LEAST(p.o_at, p.n_at)), (p.n_team, LEAST(p.o_at, p.n_at))) AS x(t, s)
    WHERE p.versions > 1
    GROUP BY 1) d\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION kpi_purchase_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF current_setting(''rd.kpi_columns_fix'', true) = ''on'' THEN
    RETURN NULL\073
  END IF\073
  IF NOT EXISTS (
    SELECT id, "customerId", "at", "amount", "teamId" FROM new_rows
    EXCEPT SELECT id, "customerId", "at", "amount", "teamId" FROM old_rows
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

CREATE OR REPLACE FUNCTION purchase_customer_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM purchase_customer_facts_of(array_agg(c.id))
  FROM (SELECT id, "signedUpAt", "churnedAt", "segment" FROM new_rows
        EXCEPT SELECT id, "signedUpAt", "churnedAt", "segment" FROM old_rows) c\073
  RETURN NULL\073
END ';
