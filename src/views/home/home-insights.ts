import type { KnownBlock, PlainTextOption } from "@slack/types";
import type { Locale } from "../../config.js";
import { TEAMS, type TeamName } from "../../domain/capture/vocabulary.js";
import type { OpenVoice } from "../../domain/work/open-voice.js";
import { INSIGHT_STATUSES } from "../../domain/work/insight-work.js";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS, HOME_WORK_BLOCK } from "../../slack-ids.js";
import { clip, context, escapeMrkdwn, header, option, plain, section } from "../blocks.js";
import { statusLabel } from "../work/insight-work-blocks.js";

/** How many open voices Home lists (3 blocks each); the rest are counted in one line. */
export const HOME_INSIGHTS = 8;

const teamOption = (t: Translate, team: TeamName): PlainTextOption => ({ text: plain(t(`homeTab.team.${team}`)), value: team });

/**
 * The open voices of the teams the user follows, each with its status and owner and the controls a posted insight has
 * (status menu, owner picker, link-and-resolution button; the actions block_id is `${HOME_WORK_BLOCK}:<insightId>`),
 * and checkboxes to change the followed teams (block action `ACTIONS.homeFollowTeams`). At most 4 + 3 × HOME_INSIGHTS
 * blocks: past HOME_INSIGHTS voices, one line says how many more there are. Pure.
 */
export function homeInsightsBlocks(t: Translate, locale: Locale, v: { followed: readonly TeamName[]; insights: readonly OpenVoice[]; total: number }): KnownBlock[] {
  const options = TEAMS.map((team) => teamOption(t, team));
  const initial = options.filter((o) => v.followed.includes(o.value as TeamName));
  const blocks: KnownBlock[] = [
    header(t("work.home.open.title")),
    {
      type: "section",
      block_id: "home_teams",
      text: { type: "mrkdwn", text: t("homeTab.insights.teams") },
      accessory: { type: "checkboxes", action_id: ACTIONS.homeFollowTeams, options, ...(initial.length ? { initial_options: initial } : {}) },
    },
  ];
  if (v.followed.length === 0) return [...blocks, section(t("homeTab.insights.noTeams"))];
  if (v.insights.length === 0) return [...blocks, section(t("work.home.open.empty"))];
  const date = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const label = t as unknown as (k: string) => string;
  const statusOptions = INSIGHT_STATUSES.map((s) => option(statusLabel(t, s), s));
  const shown = v.insights.slice(0, HOME_INSIGHTS);
  for (const i of shown) {
    const sentiment = label(`sentiment.${i.sentiment}`);
    const teams = i.teams.map((team) => label(`homeTab.team.${team}`)).join(", ");
    const quote = escapeMrkdwn(clip(i.quote.replace(/\s+/g, " ").trim(), 280));
    const owner = i.ownerId ? `<@${i.ownerId}>` : t("work.message.noOwner");
    blocks.push(section(t("work.home.open.line", { customer: escapeMrkdwn(clip(i.customer, 150)), status: statusLabel(t, i.status), owner, quote })));
    const facts = [`${date.format(i.createdAt)} · ${sentiment} · ${teams}${i.themes.length ? ` · ${escapeMrkdwn(i.themes.slice(0, 5).join(", "))}` : ""}`];
    if (i.resolution) facts.push(t("work.message.resolution", { resolution: escapeMrkdwn(clip(i.resolution, 300)) }));
    if (i.link) facts.push(t("work.message.link", { link: escapeMrkdwn(clip(i.link, 500)) }));
    blocks.push(context(...facts));
    blocks.push({
      type: "actions",
      block_id: `${HOME_WORK_BLOCK}:${i.id}`,
      elements: [
        {
          type: "static_select",
          action_id: ACTIONS.homeInsightStatus,
          placeholder: plain(t("work.button.status.placeholder")),
          options: statusOptions,
          initial_option: statusOptions.find((o) => o.value === i.status) ?? statusOptions[0]!,
        },
        {
          type: "users_select",
          action_id: ACTIONS.homeInsightOwner,
          placeholder: plain(t("work.button.owner.placeholder")),
          ...(i.ownerId ? { initial_user: i.ownerId } : {}),
        },
        { type: "button", action_id: ACTIONS.insightLink, text: plain(t("work.button.link")), value: i.id },
      ],
    });
  }
  if (v.total > shown.length) blocks.push(context(t("work.home.open.more", { count: v.total - shown.length })));
  return blocks;
}
