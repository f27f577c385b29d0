import type { KnownBlock } from "@slack/types";
import type { Period } from "../../domain/ratings/period.js";
import type { Ranked } from "../../domain/ratings/rank.js";
import type { Translate } from "../../i18n/index.js";
import type { Leaderboard, PersonScore } from "../../services/ratings/get-leaderboard.js";
import type { ItemScore } from "../../services/ratings/score-items.js";
import type { Locale } from "../../config.js";
import { clip, context, divider, escapeMrkdwn, header, section } from "../blocks.js";
import { savesBlocks, type SavesView } from "../outreach/saves.js";

/** How one scored item reads in a list: icon, title (or customer and quote), points, who shared it. */
export function itemLine(t: Translate, item: ItemScore, opts: { rank?: number; showAuthor?: boolean } = {}): string {
  const icon = item.kind === "insight" ? "🗣" : item.storyKind === "failure" ? "🧭" : "🏆";
  const what =
    item.kind === "insight"
      ? `*${escapeMrkdwn(clip(item.title, 80))}*: “${escapeMrkdwn(clip((item.quote ?? "").replace(/\s+/g, " "), 80))}”`
      : `*${escapeMrkdwn(clip(item.title, 120))}*`;
  const parts = [`${opts.rank ? `${opts.rank}. ` : ""}${icon} ${what}`, t("ratings.points", { points: item.points })];
  if (opts.showAuthor !== false) parts.push(`<@${item.authorId}>`);
  parts.push(`<#${item.channelId}>`);
  return parts.join(" · ");
}

/** A person's line: rank, mention (marked when they left the workspace), points, item count. */
export function personLine(t: Translate, p: Ranked<PersonScore>, left: boolean): string {
  const who = `<@${p.userId}>${left ? ` ${t("ratings.left")}` : ""}`;
  return `${p.rank}. ${who} · ${t("ratings.points", { points: p.points })} · ${t("ratings.top.itemsShared", { count: p.items })}`;
}

function list(t: Translate, title: string, items: Ranked<ItemScore>[]): KnownBlock[] {
  const body = items.length ? items.map((i) => itemLine(t, i, { rank: i.rank })).join("\n") : `_${t("ratings.top.noneYet")}_`;
  return [section(`*${title}*\n${body}`)];
}

/**
 * `/story top`: wins, failures and customer voices ranked separately, then the people who shared them, and (with
 * `saves`) the customers won back by outreach next to the points. `leftUsers` are people who left the workspace:
 * still listed, marked.
 */
export function leaderboardMessage(
  t: Translate,
  opts: { period: Period; board: Leaderboard; leftUsers: ReadonlySet<string>; saves?: SavesView; locale?: Locale },
): { text: string; blocks: KnownBlock[] } {
  const { board, period } = opts;
  const title = t("ratings.top.title", { period: t(`ratings.period.${period}`) });
  const saves = opts.saves ? savesBlocks(t, opts.locale ?? "en", opts.saves) : [];
  const empty = !board.wins.length && !board.failures.length && !board.insights.length;
  if (empty) {
    const blocks: KnownBlock[] = [header(title), section(t("ratings.top.empty")), ...(saves.length ? [divider(), ...saves] : [])];
    return { text: `${title}: ${t("ratings.top.empty")}`, blocks };
  }
  const people = board.people.map((p) => personLine(t, p, opts.leftUsers.has(p.userId))).join("\n");
  const blocks: KnownBlock[] = [
    header(title),
    ...list(t, t("ratings.top.wins"), board.wins),
    ...list(t, t("ratings.top.failures"), board.failures),
    ...list(t, t("ratings.top.insights"), board.insights),
    divider(),
    section(`*${t("ratings.top.people")}*\n${people}`),
    ...(saves.length ? [divider(), ...saves] : []),
    context(t("ratings.top.footer")),
  ];
  return { text: title, blocks };
}
