import { TEAMS } from "../../domain/capture/vocabulary.js";
import type { Translate } from "../../i18n/index.js";
import type { ChannelAccess } from "../../domain/slack/channel-access.js";

/**
 * `/insight route` without arguments: where each team's insights go, and for each channel the bot is not
 * in (or cannot post to) what to do about it. `access` holds what is known; unknown channels show no note.
 */
export function routingSummary(t: Translate, routes: { team: string; channelId: string }[], access: ReadonlyMap<string, ChannelAccess> = new Map()): string {
  const lines = TEAMS.map((team) => {
    const r = routes.find((x) => x.team === team);
    if (!r) return `• ${t(`team.${team}`)}: ${t("word.none")}`;
    const a = access.get(r.channelId);
    return `• ${t(`team.${team}`)}: <#${r.channelId}>${a && a !== "member" ? ` :warning: ${t(`channel.problem.${a}`)}` : ""}`;
  });
  return t("insight.route.list", { lines: lines.join("\n") });
}
