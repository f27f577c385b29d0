-- Themes as units of work and close the loop (#16).

-- When an insight reached done or wont_do (null while it is open): loop-closure figures and the export read it.
ALTER TABLE "Insight" ADD COLUMN "closedAt" TIMESTAMPTZ(3);
UPDATE "Insight" i SET "closedAt" = COALESCE(
  (SELECT max(c."createdAt") FROM "InsightChange" c WHERE c."insightId" = i.id AND c.field = 'status' AND c."toValue" = i.status),
  i."createdAt")
WHERE i.status IN ('done', 'wont_do');

-- The follow-up of a theme, per workspace and normalised name (trimmed, lower case).
CREATE TABLE "Theme" (
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "link" TEXT,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Theme_pkey" PRIMARY KEY ("teamId","name")
);

-- Each change of the status of a theme: who, when, from, to, where: the key makes a retried request change nothing.
CREATE TABLE "ThemeChange" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "changeKey" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "resolution" TEXT,
    "link" TEXT,
    "actorId" TEXT,
    "source" TEXT NOT NULL,
    "insightsChanged" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThemeChange_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ThemeChange_teamId_changeKey_key" ON "ThemeChange"("teamId", "changeKey");
CREATE INDEX "ThemeChange_teamId_name_createdAt_idx" ON "ThemeChange"("teamId", "name", "createdAt");

-- Close the loop: one row per (resolution, person): the unique key is what makes each DM go out once.
CREATE TABLE "LoopClosure" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "resolutionKey" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "insightIds" TEXT[],
    "themeName" TEXT,
    "resolution" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "skipReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "channelId" TEXT,
    "messageTs" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "toldAt" TIMESTAMPTZ(3),
    "toldBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoopClosure_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "LoopClosure_teamId_resolutionKey_recipientId_key" ON "LoopClosure"("teamId", "resolutionKey", "recipientId");
CREATE INDEX "LoopClosure_teamId_status_idx" ON "LoopClosure"("teamId", "status");
CREATE INDEX "LoopClosure_insightIds_idx" ON "LoopClosure" USING GIN ("insightIds");
