import { TEAMS } from "../../domain/capture/vocabulary.js";
import type { Translate } from "../../i18n/index.js";

/** `/insight route` without arguments: where each team's insights go. */
export function routingSummary(t: Translate, routes: { team: string; channelId: string }[]): string {
  const lines = TEAMS.map((team) => {
    const r = routes.find((x) => x.team === team);
    return `• ${t(`team.${team}`)}: ${r ? `<#${r.channelId}>` : t("word.none")}`;
  });
  return t("insight.route.list", { lines: lines.join("\n") });
}
