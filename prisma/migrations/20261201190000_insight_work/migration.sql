-- Voices become work (#16): each insight's follow-up (status, owner, link, resolution) and its history.
ALTER TABLE "Insight" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'new',
ADD COLUMN "ownerId" TEXT,
ADD COLUMN "link" TEXT,
ADD COLUMN "resolution" TEXT;

CREATE INDEX "Insight_teamId_status_idx" ON "Insight"("teamId", "status");

CREATE TABLE "InsightChange" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "insightId" UUID NOT NULL,
    "changeKey" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT,
    "actorId" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightChange_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InsightChange_teamId_changeKey_field_key" ON "InsightChange"("teamId", "changeKey", "field");
CREATE INDEX "InsightChange_teamId_insightId_createdAt_idx" ON "InsightChange"("teamId", "insightId", "createdAt");

ALTER TABLE "InsightChange" ADD CONSTRAINT "InsightChange_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE CASCADE ON UPDATE CASCADE;
