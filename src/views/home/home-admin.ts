import type { KnownBlock, PlainTextOption } from "@slack/types";
import type { Locale } from "../../config.js";
import { TEAMS } from "../../domain/capture/vocabulary.js";
import type { Translate } from "../../i18n/index.js";
import type { SubscriptionWithLastRun } from "../../services/digest/list-subscriptions.js";
import type { RatingSettings } from "../../services/ratings/rating-settings.js";
import type { ChannelAccess } from "../../domain/slack/channel-access.js";
import { ACTIONS } from "../../slack-ids.js";
import { context, header, plain, section } from "../blocks.js";
import { subscriptionsList } from "../digest/subscriptions-list.js";
import type { BotAdmins } from "../../domain/access/bot-admins.js";
import { type GroupChoice, homeBotAdminBlocks } from "./home-bot-admins.js";

/** Activity windows an admin can pick on Home, in days. */
export const ACTIVITY_WINDOW_CHOICES = [30, 60, 90, 120, 180, 365] as const;

/** Digest subscriptions listed on Home; the rest are counted (`/kpi subscriptions` lists all). */
export const HOME_SUBSCRIPTIONS = 10;

/** What the admin section shows. */
export interface HomeAdminView {
  routes: ReadonlyArray<{ team: string; channelId: string }>;
  rating: RatingSettings;
  subscriptions: SubscriptionWithLastRun[];
  activityWindowDays: number;
  /** The outreach measuring window (days), shown with how to change it. */
  outreachWindowDays?: number;
  now: Date;
  admins: BotAdmins;
  /** The workspace's user groups for the admin-group picker; null when Slack did not list them. */
  groups?: ReadonlyArray<GroupChoice> | null;
  /** Channels the bot posts to but is not in (or cannot post to), with what they are used for. */
  channelProblems?: ReadonlyArray<{ channelId: string; use: { team: string } | "stories" | "digest"; access: Exclude<ChannelAccess, "member"> }>;
}

/** block_id of a team's routing select; the action listener reads the team back from it. */
export const routeBlockId = (team: string) => `${ACTIONS.homeRoute}:${team}`;

/**
 * App Home settings for admins: a channel select per team (insight routing), the rating scale with an
 * edit button, digest subscriptions (read-only, with next run), the activity window select, and who the bot's admins
 * are, with controls to name and remove them (as `/kpi admins` does).
 * Show it to admins only; every action it offers re-checks admin on the server. Pure.
 */
export function homeAdminBlocks(t: Translate, locale: Locale, v: HomeAdminView): KnownBlock[] {
  const blocks: KnownBlock[] = [header(t("homeTab.admin.title")), section(t("homeTab.admin.routes"))];
  for (const team of TEAMS) {
    const route = v.routes.find((r) => r.team === team);
    blocks.push({
      type: "section",
      block_id: routeBlockId(team),
      text: { type: "mrkdwn", text: t("homeTab.admin.routeTeam", { team: t(`homeTab.team.${team}`) }) },
      accessory: {
        type: "conversations_select",
        action_id: ACTIONS.homeRoute,
        placeholder: plain(t("homeTab.admin.routePlaceholder")),
        filter: { include: ["public", "private"], exclude_bot_users: true },
        ...(route ? { initial_conversation: route.channelId } : {}),
      },
    });
  }

  if (v.channelProblems?.length) {
    const lines = v.channelProblems.map((p) =>
      t("channel.problem.line", {
        channel: p.channelId,
        use: typeof p.use === "object" ? t(`homeTab.team.${p.use.team}` as Parameters<Translate>[0]) : t(`channel.use.${p.use}`),
        problem: t(`channel.problem.${p.access}`),
      }),
    );
    blocks.push({ type: "section", block_id: "home_channel_problems", text: { type: "mrkdwn", text: [t("channel.problems.title"), ...lines].join("\n") } });
  }

  const entries = Object.entries(v.rating.scale).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const scale = entries.map(([emoji, points]) => `:${emoji}: ${t("homeTab.admin.points", { points })}`).join("  ");
  blocks.push({
    type: "section",
    block_id: "home_scale",
    text: { type: "mrkdwn", text: `${t("homeTab.admin.scale")}${v.rating.isDefaultScale ? ` ${t("homeTab.admin.defaultScale")}` : ""}\n${scale || "–"}` },
    accessory: { type: "button", action_id: ACTIONS.homeEditScale, text: plain(t("homeTab.admin.editScale")), value: "scale" },
  });
  blocks.push(context(t("homeTab.admin.threshold", { points: v.rating.threshold })));

  blocks.push(section(t("homeTab.admin.digests")));
  if (v.subscriptions.length === 0) blocks.push(context(t("homeTab.admin.noDigests")));
  else {
    const shown = v.subscriptions.slice(0, HOME_SUBSCRIPTIONS);
    // The digest area's list view minus its own title line.
    blocks.push(...subscriptionsList(t, locale, shown, v.now).blocks.slice(1));
    if (v.subscriptions.length > shown.length) blocks.push(context(t("digest.more", { count: v.subscriptions.length - shown.length })));
  }

  const windows = [...new Set([...ACTIVITY_WINDOW_CHOICES, v.activityWindowDays])].sort((a, b) => a - b);
  const options: PlainTextOption[] = windows.map((days) => ({ text: plain(t("homeTab.admin.days", { days })), value: String(days) }));
  blocks.push({
    type: "section",
    block_id: "home_window",
    text: { type: "mrkdwn", text: t("homeTab.admin.window") },
    accessory: {
      type: "static_select",
      action_id: ACTIONS.homeActivityWindow,
      options,
      initial_option: options.find((o) => o.value === String(v.activityWindowDays))!,
    },
  });
  if (v.outreachWindowDays !== undefined) blocks.push(context(t("settings.outreachWindow.home", { days: v.outreachWindowDays })));

  blocks.push(...homeBotAdminBlocks(t, v.admins, v.groups ?? null));
  return blocks;
}
