-- Predictions (issue #7): failed fits are stored too (no parameters when there was too little data), with
-- the reason, the calendar and the CLV defaults used, so every stored fit can be reproduced.
ALTER TABLE "ModelFit"
  ALTER COLUMN "r" DROP NOT NULL,
  ALTER COLUMN "alpha" DROP NOT NULL,
  ALTER COLUMN "a" DROP NOT NULL,
  ALTER COLUMN "b" DROP NOT NULL,
  ALTER COLUMN "logLikelihood" DROP NOT NULL,
  ADD COLUMN "status" TEXT NOT NULL DEFAULT 'converged',
  ADD COLUMN "failureReason" TEXT,
  ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC',
  ADD COLUMN "horizon" INTEGER NOT NULL DEFAULT 52,
  ADD COLUMN "discountRate" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
  ADD COLUMN "ggCustomers" INTEGER,
  ADD COLUMN "durationMs" INTEGER;

-- Readers want the latest converged fit of a workspace.
CREATE INDEX "ModelFit_teamId_converged_createdAt_idx" ON "ModelFit"("teamId", "converged", "createdAt" DESC);
