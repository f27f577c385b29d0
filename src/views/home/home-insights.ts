import type { KnownBlock, PlainTextOption } from "@slack/types";
import type { Locale } from "../../config.js";
import { TEAMS, type TeamName } from "../../domain/capture/vocabulary.js";
import type { Translate } from "../../i18n/index.js";
import type { TeamInsight } from "../../services/home/list-team-insights.js";
import { ACTIONS } from "../../slack-ids.js";
import { clip, context, escapeMrkdwn, header, plain, section } from "../blocks.js";

/** How many insights Home lists. */
export const HOME_INSIGHTS = 5;

const teamOption = (t: Translate, team: TeamName): PlainTextOption => ({ text: plain(t(`homeTab.team.${team}`)), value: team });

/**
 * Latest insights for the teams the user follows, with checkboxes to change those teams (each change is a
 * block action `ACTIONS.homeFollowTeams`). At most 3 + HOME_INSIGHTS blocks. Pure.
 */
export function homeInsightsBlocks(t: Translate, locale: Locale, v: { followed: readonly TeamName[]; insights: readonly TeamInsight[] }): KnownBlock[] {
  const options = TEAMS.map((team) => teamOption(t, team));
  const initial = options.filter((o) => v.followed.includes(o.value as TeamName));
  const blocks: KnownBlock[] = [
    header(t("homeTab.insights.title")),
    {
      type: "section",
      block_id: "home_teams",
      text: { type: "mrkdwn", text: t("homeTab.insights.teams") },
      accessory: { type: "checkboxes", action_id: ACTIONS.homeFollowTeams, options, ...(initial.length ? { initial_options: initial } : {}) },
    },
  ];
  if (v.followed.length === 0) return [...blocks, section(t("homeTab.insights.noTeams"))];
  if (v.insights.length === 0) return [...blocks, section(t("homeTab.insights.empty"))];
  const date = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  for (const i of v.insights.slice(0, HOME_INSIGHTS)) {
    const sentiment = (t as unknown as (k: string) => string)(`sentiment.${i.sentiment}`);
    const teams = i.teams.map((team) => (t as unknown as (k: string) => string)(`homeTab.team.${team}`)).join(", ");
    const quote = escapeMrkdwn(clip(i.quote.replace(/\s+/g, " ").trim(), 280));
    blocks.push(section(`*${escapeMrkdwn(clip(i.customer, 150))}* · ${sentiment}\n> ${quote}`));
    blocks.push(context(`${date.format(i.createdAt)} · ${teams}${i.themes.length ? ` · ${escapeMrkdwn(i.themes.slice(0, 5).join(", "))}` : ""}`));
  }
  return blocks;
}
