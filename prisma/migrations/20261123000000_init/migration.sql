-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
CREATE TABLE "Workspace" (
    "teamId" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "activityWindowDays" INTEGER NOT NULL DEFAULT 90,
    "storiesChannelId" TEXT,
    "ratingScale" JSONB,
    "recognitionThreshold" INTEGER NOT NULL DEFAULT 5,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "InsightRoute" (
    "teamId" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "setBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InsightRoute_pkey" PRIMARY KEY ("teamId","team")
);

-- CreateTable
CREATE TABLE "SharedChannelAllowance" (
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "allowedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedChannelAllowance_pkey" PRIMARY KEY ("teamId","channelId")
);

-- CreateTable
CREATE TABLE "Insight" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "themes" TEXT[],
    "quote" TEXT NOT NULL,
    "context" TEXT,
    "teams" TEXT[],
    "authorId" TEXT NOT NULL,
    "messagePermalink" TEXT,
    "messageAuthorId" TEXT,
    "searchText" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Insight_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Story" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "happened" TEXT NOT NULL,
    "learned" TEXT NOT NULL,
    "customer" TEXT,
    "metricImpact" TEXT,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),
    "thankedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostedMessage" (
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "storyId" UUID,
    "insightId" UUID,
    "authorId" TEXT NOT NULL,
    "routedFor" TEXT,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PostedMessage_pkey" PRIMARY KEY ("teamId","channelId","ts")
);

-- CreateTable
CREATE TABLE "Vote" (
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "eventId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("teamId","channelId","ts","voterId","emoji")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" BIGSERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "segment" TEXT,
    "signedUpAt" TIMESTAMPTZ(3),
    "churnedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Purchase" (
    "id" BIGSERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "customerId" BIGINT NOT NULL,
    "externalId" TEXT,
    "dedupKey" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" TEXT,

    CONSTRAINT "Purchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" BIGSERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "customerId" BIGINT,
    "externalId" TEXT,
    "dedupKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "comment" TEXT,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestSubscription" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "day" INTEGER,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "segment" TEXT,
    "locale" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pausedAt" TIMESTAMPTZ(3),
    "pauseReason" TEXT,

    CONSTRAINT "DigestSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" UUID NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "scheduledFor" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "messageTs" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchedulerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SchedulerLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ModelFit" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "unitDays" INTEGER NOT NULL,
    "customers" INTEGER NOT NULL,
    "repeatCustomers" INTEGER NOT NULL,
    "r" DOUBLE PRECISION NOT NULL,
    "alpha" DOUBLE PRECISION NOT NULL,
    "a" DOUBLE PRECISION NOT NULL,
    "b" DOUBLE PRECISION NOT NULL,
    "logLikelihood" DOUBLE PRECISION NOT NULL,
    "p" DOUBLE PRECISION,
    "q" DOUBLE PRECISION,
    "gamma" DOUBLE PRECISION,
    "ggLogLikelihood" DOUBLE PRECISION,
    "converged" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelFit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Insight_teamId_createdAt_idx" ON "Insight"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Insight_searchText_trgm_idx" ON "Insight" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Insight_teamId_sourceKey_key" ON "Insight"("teamId", "sourceKey");

-- CreateIndex
CREATE INDEX "Story_teamId_createdAt_idx" ON "Story"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Story_teamId_sourceKey_key" ON "Story"("teamId", "sourceKey");

-- CreateIndex
CREATE INDEX "PostedMessage_teamId_storyId_idx" ON "PostedMessage"("teamId", "storyId");

-- CreateIndex
CREATE INDEX "PostedMessage_teamId_insightId_idx" ON "PostedMessage"("teamId", "insightId");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "Customer_teamId_segment_idx" ON "Customer"("teamId", "segment");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_teamId_externalId_key" ON "Customer"("teamId", "externalId");

-- CreateIndex
CREATE INDEX "Purchase_teamId_at_idx" ON "Purchase"("teamId", "at");

-- CreateIndex
CREATE INDEX "Purchase_customerId_at_idx" ON "Purchase"("customerId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Purchase_teamId_dedupKey_key" ON "Purchase"("teamId", "dedupKey");

-- CreateIndex
CREATE INDEX "SurveyResponse_teamId_kind_at_idx" ON "SurveyResponse"("teamId", "kind", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_teamId_dedupKey_key" ON "SurveyResponse"("teamId", "dedupKey");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_teamId_idx" ON "ApiToken"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "DigestSubscription_teamId_channelId_key" ON "DigestSubscription"("teamId", "channelId");

-- CreateIndex
CREATE INDEX "DigestRun_teamId_status_idx" ON "DigestRun"("teamId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_subscriptionId_scheduledFor_key" ON "DigestRun"("subscriptionId", "scheduledFor");

-- CreateIndex
CREATE INDEX "ModelFit_teamId_createdAt_idx" ON "ModelFit"("teamId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "DigestSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

