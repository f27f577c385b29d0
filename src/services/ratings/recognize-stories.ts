import { reachesThreshold } from "../../domain/ratings/scale.js";
import type { Translate } from "../../i18n/index.js";
import { thankYouMessage } from "../../views/ratings/thank-you-message.js";
import { slackErrorCode } from "../slack/slack-error.js";
import type { SlackScope } from "../types.js";
import { getRatingSettings } from "./rating-settings.js";
import type { VotedMessage } from "./record-votes.js";
import { scoreItems } from "./score-items.js";

/**
 * After new votes: thanks the author of each story among `voted` whose points reached the workspace's
 * threshold, in the story's thread, once. "Once" is an atomic claim (`thankedAt IS NULL` -> now) made
 * before posting, so concurrent votes or replicas can never thank twice; if the post then fails the
 * thank-you is skipped rather than risk a second one. Returns the ids of the stories thanked.
 */
export async function recognizeStories(scope: SlackScope & { t: Translate; now: Date }, voted: readonly VotedMessage[]): Promise<string[]> {
  const { db, teamId, client, log, t } = scope;
  const mine = voted.filter((v) => v.teamId === teamId);
  if (!mine.length) return [];
  const candidates = await db.postedMessage.findMany({
    where: { teamId, kind: "story", deletedAt: null, OR: mine.map((v) => ({ channelId: v.channelId, ts: v.ts })) },
    select: { storyId: true },
  });
  const storyIds = [...new Set(candidates.map((c) => c.storyId).filter((id): id is string => Boolean(id)))];
  if (!storyIds.length) return [];
  const open = await db.story.findMany({ where: { teamId, id: { in: storyIds }, thankedAt: null, deletedAt: null }, select: { id: true } });
  if (!open.length) return [];
  const settings = await getRatingSettings(scope);
  const scores = await scoreItems(scope, settings.scale, { storyIds: open.map((s) => s.id) });
  const thanked: string[] = [];
  for (const s of scores) {
    if (!reachesThreshold(s.points, settings.threshold)) continue;
    const claimed = await db.$executeRaw`UPDATE "Story" SET "thankedAt" = ${scope.now} WHERE "id" = ${s.itemId}::uuid AND "teamId" = ${teamId} AND "thankedAt" IS NULL`;
    if (claimed !== 1) continue;
    const message = thankYouMessage(t, { authorId: s.authorId, title: s.title, points: s.points, storyKind: s.storyKind });
    try {
      await client.chat.postMessage({ channel: s.channelId, thread_ts: s.ts, text: message.text, blocks: message.blocks });
      thanked.push(s.itemId);
    } catch (e) {
      log.warn({ teamId, storyId: s.itemId, reason: slackErrorCode(e) }, "thank-you post failed");
    }
  }
  return thanked;
}
