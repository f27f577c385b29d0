-- Trends people ask for (issue #17): the kpi-warmup job keeps each one asked within 35 days counted, so a new week's
-- periods, a segment's chart or a digest's time zone are counted in the background and read back when asked.
-- CreateTable
CREATE TABLE "KpiTrendAsk" (
    "teamId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "periodDays" INTEGER NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiTrendAsk_pkey" PRIMARY KEY ("teamId","segment","timeZone","periodDays")
);

-- CreateIndex
CREATE INDEX "KpiPeriodRollup_periodTo_idx" ON "KpiPeriodRollup"("periodTo");
