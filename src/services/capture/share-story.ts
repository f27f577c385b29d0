import { ZStoryInput, type StoryInput } from "../../domain/capture/schemas.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Translate } from "../../i18n/index.js";
import { storyMessage } from "../../views/capture/story-message.js";
import { slackErrorCode } from "../slack/slack-error.js";
import type { SlackScope, TeamScope } from "../types.js";

export type StoredStory = Prisma.StoryGetPayload<object>;

/**
 * Stores a story. `sourceKey` is Slack's view id: the same submission twice returns the first story
 * (`created: false`). Throws a ZodError for invalid input.
 */
export async function recordStory(
  { db, teamId }: TeamScope,
  opts: { sourceKey: string; input: StoryInput },
): Promise<{ story: StoredStory; created: boolean }> {
  const input = ZStoryInput.parse(opts.input);
  try {
    const story = await db.story.create({
      data: {
        teamId,
        sourceKey: opts.sourceKey,
        kind: input.kind,
        title: input.title,
        happened: input.happened,
        learned: input.learned,
        customer: input.customer || null,
        metricImpact: input.metricImpact || null,
        authorId: input.authorId,
      },
    });
    return { story, created: true };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const story = await db.story.findUniqueOrThrow({ where: { teamId_sourceKey: { teamId, sourceKey: opts.sourceKey } } });
      return { story, created: false };
    }
    throw e;
  }
}

export type StoryPostOutcome = { status: "posted"; channelId: string; ts: string } | { status: "failed"; channelId: string; reason: string };

/**
 * Posts a stored story to `channelId` and records the message (channel and ts) that colleagues will
 * react to. Returns the outcome instead of throwing for Slack failures; the story stays stored.
 */
export async function publishStory(
  scope: SlackScope & { t: Translate },
  story: StoredStory,
  channelId: string,
): Promise<StoryPostOutcome> {
  const { db, teamId, client, log, t } = scope;
  const message = storyMessage(t, story);
  try {
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
