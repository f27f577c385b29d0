-- KPI targets (issue #17): one per workspace, KPI and segment ('' = all customers).
CREATE TABLE "KpiTarget" (
    "teamId" TEXT NOT NULL,
    "kpi" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,
    "setBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "KpiTarget_pkey" PRIMARY KEY ("teamId", "kpi", "segment")
);
