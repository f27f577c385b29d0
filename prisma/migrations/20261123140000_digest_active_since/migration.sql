-- A subscription owes runs only from when its current schedule took effect (subscribe, change, resume).
ALTER TABLE "DigestSubscription" ADD COLUMN "activeSince" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
