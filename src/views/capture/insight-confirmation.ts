import { escapeMrkdwn } from "../blocks.js";
import type { Translate } from "../../i18n/index.js";
import type { RouteOutcome } from "../../services/capture/publish-insight.js";
import { teamList } from "./insight-message.js";

/** The author's ephemeral confirmation: what was saved and where it went, or why not. */
export function insightConfirmation(t: Translate, customer: string, outcomes: RouteOutcome[]): string {
  const lines = [t("insight.saved", { customer: escapeMrkdwn(customer) })];
  const posted = outcomes.flatMap((o) => (o.status === "posted" ? [`<#${o.channelId}>`] : []));
  if (posted.length) lines.push(t("insight.routed", { channels: posted.join(", ") }));
  for (const o of outcomes) {
    if (o.status === "no_route") lines.push(t("insight.noRoute", { teams: teamList(t, o.teams) }));
    if (o.status === "blocked_external") lines.push(t("insight.blockedExternal", { channel: o.channelId }));
    if (o.status === "failed") lines.push(t("insight.postFailed", { channel: o.channelId, reason: o.reason }));
  }
  return lines.join("\n");
}
