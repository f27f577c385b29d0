import type { Translate } from "../../i18n/index.js";
import { evidenceThreadLine } from "../../views/capture/insight-evidence.js";
import { insightMessage } from "../../views/capture/insight-message.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { slackNames, type UserDirectory } from "../slack/user-directory.js";
import type { SlackScope } from "../types.js";
import type { StoredEvidence } from "./add-insight-evidence.js";
import type { StoredInsight } from "./log-insight.js";

/**
 * Tells the channels a voice was posted to that someone added supporting evidence: one thread reply with the new
 * customer and words (people by name, in the channel's language), and the post updated to show the evidence count.
 * Call it only for evidence `addInsightEvidence` just created (a retry creates none, so posts nothing).
 * Never throws for a Slack failure: the evidence is stored either way.
 */
export async function announceInsightEvidence(
  scope: SlackScope & { t: Translate; users: UserDirectory },
  input: { insight: StoredInsight; evidence: StoredEvidence; count: number },
): Promise<void> {
  const { db, teamId, client, log, t } = scope;
  const { insight, evidence, count } = input;
  const posts = await db.postedMessage.findMany({ where: { teamId, kind: "insight", insightId: insight.id, deletedAt: null }, orderBy: { ts: "asc" } });
  if (posts.length === 0) return;
  const people = [insight.authorId, evidence.authorId, ...(insight.messageAuthorId ? [insight.messageAuthorId] : [])];
  const names = await slackNames(scope.users, teamId, people);
  const line = evidenceThreadLine(t, evidence, names);
  const message = insightMessage(t, { ...insight, evidenceCount: count }, names);
  for (const post of posts) {
    try {
      await client.chat.postMessage({ channel: post.channelId, thread_ts: post.ts, text: line.text, blocks: line.blocks, unfurl_links: false, unfurl_media: false });
      await client.chat.update({ channel: post.channelId, ts: post.ts, text: message.text, blocks: message.blocks });
    } catch (e) {
      log.warn({ teamId, channelId: post.channelId, insightId: insight.id, reason: slackErrorCode(e) }, "evidence announcement failed");
    }
  }
}
