-- A voice alert to the owning team's channel goes to the team's routed channel, not the subscription's (issue #17).
ALTER TABLE "AlertLedger" ADD COLUMN "channelId" TEXT;
