-- The ledger also records the period each run reports on, unique per subscription: a subscription whose time
-- changes after this period's digest went out does not report the same period again.
ALTER TABLE "DigestRun" ADD COLUMN "periodStart" TIMESTAMPTZ(3);

CREATE UNIQUE INDEX "DigestRun_subscriptionId_periodStart_key" ON "DigestRun"("subscriptionId", "periodStart");
