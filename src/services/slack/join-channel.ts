import type { WebClient } from "@slack/web-api";
import { accessOfError, type ChannelAccess } from "../../domain/slack/channel-access.js";
import { slackErrorCode } from "./slack-error.js";

export type { ChannelAccess };

/**
 * Joins a public channel (conversations.join, scope channels:join; a no-op when already in it). Call when
 * a channel is set as a destination and before posting something people rate there. Resolves with the
 * membership afterwards; rethrows Slack errors that say nothing about membership (rate limits, auth).
 */
export async function joinChannel(client: WebClient, channelId: string): Promise<ChannelAccess> {
  try {
    await client.conversations.join({ channel: channelId });
    return "member";
  } catch (e) {
    const access = accessOfError(slackErrorCode(e));
    if (access) return access;
    throw e;
  }
}
