import { reachesThreshold } from "../../domain/ratings/scale.js";
import type { Translate } from "../../i18n/index.js";
import { thankYouMessage } from "../../views/ratings/thank-you-message.js";
import { mayPostCustomerData } from "../slack/may-post-customer-data.js";
import { slackErrorCode } from "../slack/slack-error.js";
import type { SlackScope } from "../types.js";
import { getRatingSettings } from "./rating-settings.js";
import type { VotedMessage } from "./record-votes.js";
import { scoreItems } from "./score-items.js";

/** What recognition found: stories thanked now, and messages that can never need a thank-you again. */
export interface RecognitionResult {
  thanked: string[];
  /** Insight posts, deleted posts, and posts of stories already thanked or removed: callers may skip them. */
  settled: VotedMessage[];
}

/**
 * After new votes: thanks the author of each story among `voted` whose points reached the workspace's
 * threshold, in the story's thread, once. "Once" is an atomic claim (`thankedAt IS NULL` -> now) made
 * before posting, so concurrent votes or replicas can never thank twice; if the post then fails the
 * thank-you is skipped rather than risk a second one. Messages not recorded yet are neither thanked nor
 * settled (their story may still be posted).
 */
export async function recognizeStories(scope: SlackScope & { t: Translate; now: Date }, voted: readonly VotedMessage[]): Promise<RecognitionResult> {
  const { db, teamId, client, log, t } = scope;
  const mine = voted.filter((v) => v.teamId === teamId);
  if (!mine.length) return { thanked: [], settled: [] };
  const posts = await db.postedMessage.findMany({
    where: { teamId, OR: mine.map((v) => ({ channelId: v.channelId, ts: v.ts })) },
    select: { channelId: true, ts: true, kind: true, storyId: true, deletedAt: true },
  });
  const settled: VotedMessage[] = [];
  const storyPosts = posts.filter((p) => {
    const open = p.kind === "story" && p.storyId && !p.deletedAt;
    if (!open) settled.push({ teamId, channelId: p.channelId, ts: p.ts });
    return open;
  });
  if (!storyPosts.length) return { thanked: [], settled };
  const stories = await db.story.findMany({ where: { teamId, id: { in: storyPosts.map((p) => p.storyId!) } }, select: { id: true, thankedAt: true, deletedAt: true } });
  const openIds = new Set(stories.filter((s) => !s.thankedAt && !s.deletedAt).map((s) => s.id));
  for (const p of storyPosts) if (!openIds.has(p.storyId!)) settled.push({ teamId, channelId: p.channelId, ts: p.ts });
  if (!openIds.size) return { thanked: [], settled };

  const settings = await getRatingSettings(scope);
  const scores = await scoreItems(scope, settings.scale, { storyIds: [...openIds] });
  const thanked: string[] = [];
  for (const s of scores) {
    if (!reachesThreshold(s.points, settings.threshold)) continue;
    const claimed = await db.$executeRaw`UPDATE "Story" SET "thankedAt" = ${scope.now} WHERE "id" = ${s.itemId}::uuid AND "teamId" = ${teamId} AND "thankedAt" IS NULL`;
    if (claimed !== 1) continue;
    for (const p of storyPosts) if (p.storyId === s.itemId) settled.push({ teamId, channelId: p.channelId, ts: p.ts });
    const message = thankYouMessage(t, { authorId: s.authorId, title: s.title, points: s.points, storyKind: s.storyKind });
    try {
      // The story's channel may have been shared with another organisation since the story was posted.
      if (!(await mayPostCustomerData({ db, teamId, client }, s.channelId))) {
        log.warn({ teamId, storyId: s.itemId }, "thank-you not posted: the channel is now shared with another organisation");
        continue;
      }
      await client.chat.postMessage({ channel: s.channelId, thread_ts: s.ts, text: message.text, blocks: message.blocks });
      thanked.push(s.itemId);
    } catch (e) {
      log.warn({ teamId, storyId: s.itemId, reason: slackErrorCode(e) }, "thank-you post failed");
    }
  }
  return { thanked, settled };
}
