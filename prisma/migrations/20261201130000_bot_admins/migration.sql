-- The bot's own admin role (issue #14): people and at most one user group named by an admin, besides Slack's
-- workspace admins and owners.
CREATE TABLE "BotAdmin" (
    "teamId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BotAdmin_pkey" PRIMARY KEY ("teamId", "memberId"),
    CONSTRAINT "BotAdmin_kind_check" CHECK ("kind" IN ('user', 'group'))
);

-- One user group per workspace: naming another replaces it (INSERT ... ON CONFLICT on this index).
CREATE UNIQUE INDEX "BotAdmin_one_group_idx" ON "BotAdmin" ("teamId") WHERE "kind" = 'group';
