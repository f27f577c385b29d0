-- Voices know their customer (#16): the customer picker's search column, an insight's link to an imported customer
-- with that customer's state at capture, and supporting evidence ("same as this one") on an existing voice.

-- Lower-cased name and external id in one generated column with a trigram index: the picker's typo-tolerant search
-- (similarity, word_similarity, LIKE) on a million customers reads the index, never the table.
ALTER TABLE "Customer" ADD COLUMN "searchName" TEXT GENERATED ALWAYS AS (lower(coalesce("name", '') || ' ' || "externalId")) STORED;
CREATE INDEX "Customer_searchName_trgm_idx" ON "Customer" USING GIN ("searchName" gin_trgm_ops);

ALTER TABLE "Insight" ADD COLUMN "customerId" BIGINT,
ADD COLUMN "customerLinkedAt" TIMESTAMPTZ(3),
ADD COLUMN "customerSegment" TEXT,
ADD COLUMN "customerActive" BOOLEAN,
ADD COLUMN "customerRevenue" DECIMAL(20,2),
ADD COLUMN "customerPAlive" DOUBLE PRECISION,
ADD COLUMN "customerExpectedClv" DOUBLE PRECISION,
ADD COLUMN "customerModelFitId" UUID;

CREATE INDEX "Insight_teamId_customerId_idx" ON "Insight"("teamId", "customerId");
ALTER TABLE "Insight" ADD CONSTRAINT "Insight_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "InsightEvidence" (
    "id" UUID NOT NULL,
    "teamId" TEXT NOT NULL,
    "insightId" UUID NOT NULL,
    "authorId" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "customerId" BIGINT,
    "quote" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightEvidence_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InsightEvidence_teamId_sourceKey_key" ON "InsightEvidence"("teamId", "sourceKey");
CREATE INDEX "InsightEvidence_teamId_insightId_createdAt_idx" ON "InsightEvidence"("teamId", "insightId", "createdAt");
CREATE INDEX "InsightEvidence_teamId_customerId_idx" ON "InsightEvidence"("teamId", "customerId");

ALTER TABLE "InsightEvidence" ADD CONSTRAINT "InsightEvidence_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InsightEvidence" ADD CONSTRAINT "InsightEvidence_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
