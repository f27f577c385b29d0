import type { WebClient } from "@slack/web-api";
import { accessOfError, type ChannelAccess } from "../../domain/slack/channel-access.js";
import { slackErrorCode } from "./slack-error.js";

/**
 * The bot's membership of each channel, read with conversations.info (nothing is joined), for settings
 * screens that show problems. A channel whose lookup fails for another reason is left out.
 */
export async function checkChannelAccess(client: WebClient, channelIds: readonly string[]): Promise<Map<string, ChannelAccess>> {
  const out = new Map<string, ChannelAccess>();
  await Promise.all(
    [...new Set(channelIds)].map(async (channel) => {
      try {
        const c = (await client.conversations.info({ channel })).channel;
        out.set(channel, c?.is_archived ? "archived" : c?.is_member ? "member" : "notMember");
      } catch (e) {
        const access = accessOfError(slackErrorCode(e));
        if (access) out.set(channel, access);
      }
    }),
  );
  return out;
}
