import type { Translate } from "../../i18n/index.js";
import { storyMessage } from "../../views/capture/story-message.js";
import { mayPostCustomerData } from "../slack/may-post-customer-data.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { slackNames, type UserDirectory } from "../slack/user-directory.js";
import type { SlackScope } from "../types.js";
import type { StoredStory } from "./record-story.js";
import { joinChannel } from "../slack/join-channel.js";

export type StoryPostOutcome =
  | { status: "posted"; channelId: string; ts: string }
  | { status: "blocked_external"; channelId: string }
  | { status: "failed"; channelId: string; reason: string };

/**
 * Posts a stored story to `channelId` and records the message (channel and ts) that colleagues will
 * react to. A channel shared with another organisation is skipped unless an admin allowed it. Returns the outcome
 * instead of throwing for Slack failures; the story stays stored.
 */
export async function publishStory(scope: SlackScope & { t: Translate; users: UserDirectory }, story: StoredStory, channelId: string): Promise<StoryPostOutcome> {
  const { db, teamId, client, log, t } = scope;
  const message = storyMessage(t, story, await slackNames(scope.users, teamId, [story.authorId]));
  try {
    if (!(await mayPostCustomerData(scope, channelId))) return { status: "blocked_external", channelId };
    // Reactions count only where the bot is a member (the fallback channel is wherever /story was used).
    await joinChannel(client, channelId);
    const res = await client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false });
    const channel = res.channel ?? channelId;
    await db.postedMessage.upsert({
      where: { teamId_channelId_ts: { teamId, channelId: channel, ts: res.ts! } },
      create: { teamId, channelId: channel, ts: res.ts!, kind: "story", storyId: story.id, authorId: story.authorId },
      update: {},
    });
    return { status: "posted", channelId: channel, ts: res.ts! };
  } catch (e) {
    const reason = slackErrorCode(e);
    log.warn({ teamId, channelId, storyId: story.id, reason }, "story post failed");
    return { status: "failed", channelId, reason };
  }
}
