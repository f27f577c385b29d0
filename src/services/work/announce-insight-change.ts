import type { FieldChange } from "../../domain/work/insight-work.js";
import type { Translate } from "../../i18n/index.js";
import { insightMessage } from "../../views/capture/insight-message.js";
import { insightChangeLine } from "../../views/work/insight-change-line.js";
import type { StoredInsight } from "../capture/log-insight.js";
import { resolveSlackNames } from "../slack/resolve-slack-names.js";
import { slackErrorCode } from "../slack/slack-error.js";
import type { SlackScope } from "../types.js";

/**
 * Tells the channels an insight was posted to what changed: one line in each post's thread (in the channel's
 * language, people by name so nobody is pinged) and the post itself updated to show the new status and owner.
 * Call it only with the changes `changeInsightWork` just stored (a retry stores none, so posts nothing).
 * Never throws for a Slack failure: the change is stored either way; failures are logged without customer data.
 */
export async function announceInsightChange(
  scope: SlackScope & { t: Translate },
  input: { insight: StoredInsight; changes: FieldChange[]; actorId: string | null; theme?: string | undefined },
): Promise<void> {
  const { db, teamId, client, log, t } = scope;
  const { insight, changes, actorId } = input;
  if (changes.length === 0) return;
  const posts = await db.postedMessage.findMany({ where: { teamId, kind: "insight", insightId: insight.id }, orderBy: { ts: "asc" } });
  if (posts.length === 0) return;
  const people = [actorId, insight.authorId, insight.messageAuthorId, ...changes.filter((c) => c.field === "owner").flatMap((c) => [c.from, c.to])].filter((id): id is string =>
    Boolean(id),
  );
  const { users: names = new Map<string, string>() } = await resolveSlackNames(client, people.map((id) => `<@${id}>`).join(" "));
  const line = insightChangeLine(t, { changes, actorId, names, theme: input.theme });
  const message = insightMessage(t, insight, names);
  for (const post of posts) {
    try {
      await client.chat.postMessage({ channel: post.channelId, thread_ts: post.ts, text: line, unfurl_links: false, unfurl_media: false });
      await client.chat.update({ channel: post.channelId, ts: post.ts, text: message.text, blocks: message.blocks });
    } catch (e) {
      log.warn({ teamId, channelId: post.channelId, insightId: insight.id, reason: slackErrorCode(e) }, "insight change announcement failed");
    }
  }
}
