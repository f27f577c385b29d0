import type { TeamScope } from "../types.js";

/**
 * Marks a bot post as deleted (Slack's `message_deleted`) so it leaves rankings; its votes are kept.
 * Returns false when the message is not one of ours (nothing written). Idempotent.
 */
export async function markMessageDeleted({ db, teamId }: TeamScope, opts: { channelId: string; ts: string; at: Date }): Promise<boolean> {
  const { count } = await db.postedMessage.updateMany({
    where: { teamId, channelId: opts.channelId, ts: opts.ts, deletedAt: null },
    data: { deletedAt: opts.at },
  });
  return count > 0;
}
