import type { TeamScope } from "../types.js";

/**
 * A bot post was deleted in Slack (`message_deleted`): it leaves rankings (its votes are kept), and when it was
 * an insight's post the insight is hidden from search, digests and App Home (only admins can delete a bot's
 * post, so this is a deliberate removal; the insight itself is kept and still exported). One transaction.
 * Returns false when the message is not one of ours (nothing written). Idempotent.
 */
export async function markMessageDeleted({ db, teamId }: TeamScope, opts: { channelId: string; ts: string; at: Date }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const posted = await tx.postedMessage.findUnique({
      where: { teamId_channelId_ts: { teamId, channelId: opts.channelId, ts: opts.ts } },
      select: { insightId: true, deletedAt: true },
    });
    if (!posted || posted.deletedAt) return false;
    await tx.postedMessage.update({ where: { teamId_channelId_ts: { teamId, channelId: opts.channelId, ts: opts.ts } }, data: { deletedAt: opts.at } });
    if (posted.insightId) await tx.insight.updateMany({ where: { teamId, id: posted.insightId, hiddenAt: null }, data: { hiddenAt: opts.at } });
    return true;
  });
}
