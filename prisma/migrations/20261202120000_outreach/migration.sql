-- At-risk customers become saves (#16): who took a customer, the contact they logged, and what the fitted model
-- expected for that customer at contact time. Outcomes are measured from Purchase, never stored.
ALTER TABLE "Workspace" ADD COLUMN "outreachWindowDays" INTEGER NOT NULL DEFAULT 30;

CREATE TABLE "Outreach" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "customerId" BIGINT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "contactedAt" TIMESTAMPTZ(3),
    "channel" TEXT,
    "note" TEXT,
    "source" TEXT NOT NULL DEFAULT 'slack',
    "sourceKey" TEXT,
    "windowDays" INTEGER,
    "fitId" UUID,
    "pAlive" DOUBLE PRECISION,
    "expectedPurchases" DOUBLE PRECISION,
    "pReturn" DOUBLE PRECISION,
    "expectedClv" DOUBLE PRECISION,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outreach_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Outreach_channel_check" CHECK ("channel" IS NULL OR "channel" IN ('email', 'call', 'meeting', 'other'))
);

CREATE UNIQUE INDEX "Outreach_teamId_sourceKey_key" ON "Outreach"("teamId", "sourceKey");
CREATE INDEX "Outreach_teamId_customerId_takenAt_idx" ON "Outreach"("teamId", "customerId", "takenAt" DESC);
CREATE INDEX "Outreach_teamId_contactedAt_idx" ON "Outreach"("teamId", "contactedAt");
CREATE INDEX "Outreach_teamId_ownerId_contactedAt_idx" ON "Outreach"("teamId", "ownerId", "contactedAt");

-- One open taking (no contact logged yet) per customer: two people clicking "I'll reach out" at once get one row
-- (INSERT ... ON CONFLICT DO NOTHING on this index), and the second sees who has it.
CREATE UNIQUE INDEX "Outreach_one_open_idx" ON "Outreach"("customerId") WHERE "contactedAt" IS NULL;

ALTER TABLE "Outreach" ADD CONSTRAINT "Outreach_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
