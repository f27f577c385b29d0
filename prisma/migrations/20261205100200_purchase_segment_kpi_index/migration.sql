-- `/kpi <segment>` counted from scratch (issue #17: under 1 s at 10M purchases) read every purchase of its 146 days
-- through "Purchase_kpi_teamId_at_idx" and kept one in twenty (1.1-2.5 s on the server). The same covering columns
-- led by the segment: a cut reads only its own purchases (0.13-0.17 s there). Purchases of customers without a
-- segment are not in it. Building it on 10M purchases took 28 s on the bench server, during which writes wait.
CREATE INDEX "Purchase_kpi_teamId_segment_at_idx" ON "Purchase"("teamId", "customerSegment", "at")
  INCLUDE ("customerId", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt")
  WHERE "customerSegment" IS NOT NULL;
