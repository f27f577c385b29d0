-- API token scopes and expiry: tokens made before scopes existed keep working with both scopes.
ALTER TABLE "ApiToken" ADD COLUMN "scopes" TEXT[] NOT NULL DEFAULT ARRAY['read', 'write']::TEXT[];
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" TIMESTAMPTZ(3);

-- app_uninstalled / tokens_revoked: the workspace scheduled work stops and its data is erased after a grace period.
ALTER TABLE "Workspace" ADD COLUMN "uninstalledAt" TIMESTAMPTZ(3);
ALTER TABLE "Workspace" ADD COLUMN "eraseAfter" TIMESTAMPTZ(3);
CREATE INDEX "Workspace_eraseAfter_idx" ON "Workspace"("eraseAfter") WHERE "eraseAfter" IS NOT NULL;

-- A deleted bot post of an insight hides the insight from search, digests and App Home.
ALTER TABLE "Insight" ADD COLUMN "hiddenAt" TIMESTAMPTZ(3);
