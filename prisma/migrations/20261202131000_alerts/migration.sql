-- Alerts (issue #17): channels subscribed to alert kinds, and the ledger that posts each alert once.
CREATE TABLE "AlertSubscription" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "timeZone" TEXT NOT NULL,
    "groupAbove" INTEGER NOT NULL DEFAULT 5,
    "locale" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedTo" TEXT,
    CONSTRAINT "AlertSubscription_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AlertSubscription_kind_check" CHECK ("kind" IN ('kpi', 'at_risk', 'voice', 'detractor'))
);
CREATE UNIQUE INDEX "AlertSubscription_teamId_channelId_kind_key" ON "AlertSubscription"("teamId", "channelId", "kind");
CREATE INDEX "AlertSubscription_teamId_kind_idx" ON "AlertSubscription"("teamId", "kind");

CREATE TABLE "AlertLedger" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "conditionKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "firedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "postedAt" TIMESTAMPTZ(3),
    "messageTs" TEXT,
    "error" TEXT,
    "clearedAt" TIMESTAMPTZ(3),
    CONSTRAINT "AlertLedger_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AlertLedger_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "AlertSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AlertLedger_status_dueAt_idx" ON "AlertLedger"("status", "dueAt");
CREATE INDEX "AlertLedger_subscriptionId_postedAt_idx" ON "AlertLedger"("subscriptionId", "postedAt");
-- One open row per condition: inserting the same condition again (another replica, a restart, a repeated
-- evaluation) conflicts and posts nothing, until the row is cleared.
CREATE UNIQUE INDEX "AlertLedger_open_condition_idx" ON "AlertLedger"("subscriptionId", "conditionKey") WHERE "clearedAt" IS NULL;
