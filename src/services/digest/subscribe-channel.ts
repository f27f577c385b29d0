import type { DigestSubscription } from "../../generated/prisma/client.js";
import type { SubscribeRequest } from "../../domain/digest/parse-subscribe.js";
import type { TeamScope } from "../types.js";

/**
 * Subscribes a channel to the digest, or changes its schedule; subscribing again also resumes a paused
 * subscription. One upsert on (teamId, channelId), so a double-submitted command cannot create two.
 */
export async function subscribeChannel({ db, teamId }: TeamScope, input: SubscribeRequest & { channelId: string; createdBy: string; now: Date }): Promise<DigestSubscription> {
  const fields = {
    frequency: input.frequency,
    day: input.day,
    time: input.time,
    timeZone: input.timeZone,
    segment: input.segment,
    locale: input.locale,
    createdBy: input.createdBy,
    pausedAt: null,
    pauseReason: null,
    // A new or changed schedule owes no runs from before it took effect.
    activeSince: input.now,
  };
  return db.digestSubscription.upsert({
    where: { teamId_channelId: { teamId, channelId: input.channelId } },
    create: { id: crypto.randomUUID(), teamId, channelId: input.channelId, createdAt: input.now, ...fields },
    update: fields,
  });
}
