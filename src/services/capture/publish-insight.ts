import type { Translate } from "../../i18n/index.js";
import { insightMessage } from "../../views/capture/insight-message.js";
import { joinChannel } from "../slack/join-channel.js";
import { mayPostCustomerData } from "../slack/may-post-customer-data.js";
import { slackNames, type UserDirectory } from "../slack/user-directory.js";
import { slackErrorCode } from "../slack/slack-error.js";
import type { SlackScope } from "../types.js";
import type { StoredInsight } from "./log-insight.js";

export type RouteOutcome =
  | { status: "posted"; teams: string[]; channelId: string; ts: string }
  | { status: "no_route"; teams: string[] }
  | { status: "blocked_external"; teams: string[]; channelId: string }
  | { status: "failed"; teams: string[]; channelId: string; reason: string };

/**
 * Posts a stored insight to the channel routed for each team it concerns (once per channel, even when
 * several teams share one) and records each posted message so reactions can rate it. Never throws for a
 * Slack failure: each channel's outcome is returned so the author can be told; the insight stays stored.
 * Channels shared with another organisation are skipped unless an admin allowed them.
 */
export async function publishInsight(scope: SlackScope & { t: Translate; users: UserDirectory }, insight: StoredInsight): Promise<RouteOutcome[]> {
  const { db, teamId, client, log, t } = scope;
  const routes = await db.insightRoute.findMany({ where: { teamId, team: { in: insight.teams } } });
  const byChannel = new Map<string, string[]>();
  for (const r of routes) byChannel.set(r.channelId, [...(byChannel.get(r.channelId) ?? []), r.team]);
  const unrouted = insight.teams.filter((team) => !routes.some((r) => r.team === team));
  const outcomes: RouteOutcome[] = unrouted.length ? [{ status: "no_route", teams: unrouted }] : [];
  const people = [insight.authorId, ...(insight.messageAuthorId ? [insight.messageAuthorId] : [])];
  const message = insightMessage(t, insight, await slackNames(scope.users, teamId, people));

  for (const [channelId, teams] of byChannel) {
    try {
      if (!(await mayPostCustomerData(scope, channelId))) {
        outcomes.push({ status: "blocked_external", teams, channelId });
        continue;
      }
      // Reactions count only where the bot is a member; a private channel needs an invite (said in settings).
      await joinChannel(client, channelId);
      const res = await client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false });
      const ts = res.ts!;
      await db.postedMessage.upsert({
        where: { teamId_channelId_ts: { teamId, channelId: res.channel ?? channelId, ts } },
        create: { teamId, channelId: res.channel ?? channelId, ts, kind: "insight", insightId: insight.id, authorId: insight.authorId, routedFor: teams.join(",") },
        update: {},
      });
      outcomes.push({ status: "posted", teams, channelId: res.channel ?? channelId, ts });
    } catch (e) {
      const reason = slackErrorCode(e);
      log.warn({ teamId, channelId, insightId: insight.id, reason }, "insight routing failed");
      outcomes.push({ status: "failed", teams, channelId, reason });
    }
  }
  return outcomes;
}
