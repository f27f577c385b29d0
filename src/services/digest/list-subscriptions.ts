import type { DigestRun, DigestSubscription } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";

export type SubscriptionWithLastRun = DigestSubscription & { lastRun: DigestRun | null };

/** The workspace's digest subscriptions, each with its most recent run (any outcome), by channel. */
export async function listSubscriptions({ db, teamId }: TeamScope): Promise<SubscriptionWithLastRun[]> {
  const subs = await db.digestSubscription.findMany({
    where: { teamId },
    orderBy: { channelId: "asc" },
    include: { runs: { orderBy: { scheduledFor: "desc" }, take: 1 } },
  });
  return subs.map(({ runs, ...s }) => ({ ...s, lastRun: runs[0] ?? null }));
}

/** One channel's subscription, or null. */
export async function findSubscription({ db, teamId }: TeamScope, channelId: string): Promise<DigestSubscription | null> {
  return db.digestSubscription.findUnique({ where: { teamId_channelId: { teamId, channelId } } });
}
