-- The close-the-loop sweeper (src/jobs/loop-closure-sweep.ts) looks every minute, across workspaces, for DMs still
-- owed (pending) or claimed (sending). Almost every row is sent or skipped, so a partial index keeps that look
-- small. Partial indexes cannot be written in schema.prisma, so this one lives here only.
CREATE INDEX "LoopClosure_owed_idx" ON "LoopClosure"("createdAt", "id") WHERE "status" IN ('pending', 'sending');
