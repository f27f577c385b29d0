import type { Translate } from "../../i18n/index.js";
import { insightMessage } from "../../views/capture/insight-message.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { slackNames, type UserDirectory } from "../slack/user-directory.js";
import type { SlackScope } from "../types.js";
import type { StoredInsight } from "./log-insight.js";

/**
 * Updates every post of a voice (chat.update) to show what is stored now: its customer and their state at capture,
 * and its evidence count. Never throws for a Slack failure (logged without customer data).
 */
export async function refreshInsightPosts(scope: SlackScope & { t: Translate; users: UserDirectory }, insight: StoredInsight): Promise<void> {
  const { db, teamId, client, log, t } = scope;
  const posts = await db.postedMessage.findMany({ where: { teamId, kind: "insight", insightId: insight.id, deletedAt: null }, orderBy: { ts: "asc" } });
  if (posts.length === 0) return;
  const evidenceCount = await db.insightEvidence.count({ where: { teamId, insightId: insight.id } });
  const names = await slackNames(scope.users, teamId, [insight.authorId, ...(insight.messageAuthorId ? [insight.messageAuthorId] : [])]);
  const message = insightMessage(t, { ...insight, evidenceCount }, names);
  for (const post of posts) {
    try {
      await client.chat.update({ channel: post.channelId, ts: post.ts, text: message.text, blocks: message.blocks });
    } catch (e) {
      log.warn({ teamId, channelId: post.channelId, insightId: insight.id, reason: slackErrorCode(e) }, "insight post update failed");
    }
  }
}
