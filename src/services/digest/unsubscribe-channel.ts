import type { TeamScope } from "../types.js";

/** Stops the digest for a channel (its run history goes with it). False when it had no subscription. */
export async function unsubscribeChannel({ db, teamId }: TeamScope, channelId: string): Promise<boolean> {
  const { count } = await db.digestSubscription.deleteMany({ where: { teamId, channelId } });
  return count > 0;
}
