import type { TeamScope } from "../types.js";

/** An admin's explicit permission to post customer words into a channel shared with another organisation. */
export async function allowSharedChannel({ db, teamId }: TeamScope, opts: { channelId: string; allowedBy: string }) {
  await db.sharedChannelAllowance.upsert({
    where: { teamId_channelId: { teamId, channelId: opts.channelId } },
    create: { teamId, channelId: opts.channelId, allowedBy: opts.allowedBy },
    update: { allowedBy: opts.allowedBy },
  });
}

export async function disallowSharedChannel({ db, teamId }: TeamScope, channelId: string) {
  await db.sharedChannelAllowance.deleteMany({ where: { teamId, channelId } });
}

export async function isSharedChannelAllowed({ db, teamId }: TeamScope, channelId: string): Promise<boolean> {
  return (await db.sharedChannelAllowance.count({ where: { teamId, channelId } })) > 0;
}
