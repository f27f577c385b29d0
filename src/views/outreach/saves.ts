import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { Saves } from "../../domain/outreach/saves.js";
import type { Uplift } from "../../domain/outreach/uplift.js";
import type { Translate } from "../../i18n/index.js";
import { context, section } from "../blocks.js";

export type SavesView = Saves;

/** The uplift in words: observed vs expected rate and the difference with its interval, or "too few cases". Never a bare count. */
export function upliftLine(t: Translate, locale: Locale, u: Uplift): string {
  if (u.tooFew) return t("outreach.uplift.tooFew", { cases: u.cases, min: u.minCases });
  const loc = locale === "ja" ? "ja-JP" : "en-US";
  const percent = (v: number) => v.toLocaleString(loc, { style: "percent", maximumFractionDigits: 0 });
  const points = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(Math.round(v * 100))}`;
  return t("outreach.uplift.value", { observed: percent(u.observedRate), expected: percent(u.expectedRate), uplift: points(u.uplift), low: points(u.low), high: points(u.high) });
}

/**
 * "Customers won back": the team's contacts, won back and revenue recovered, its uplift over the model, and the
 * people with the most customers won back (at most `limit`). Empty when nobody logged a contact. Pure.
 */
export function savesBlocks(t: Translate, locale: Locale, saves: SavesView, limit = 5): KnownBlock[] {
  if (saves.team.contacts === 0) return [];
  const money = (n: number) => n.toLocaleString(locale === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 0 });
  const lines = [
    `*${t("outreach.saves.heading")}*`,
    t("outreach.saves.team", { wonBack: saves.team.wonBack, contacts: saves.team.contacts, revenue: money(saves.team.revenueRecovered) }),
    upliftLine(t, locale, saves.team.uplift),
    ...saves.owners
      .filter((o) => o.wonBack > 0)
      .slice(0, limit)
      .map((o, i) => t("outreach.saves.person", { rank: i + 1, who: `<@${o.ownerId}>`, wonBack: o.wonBack, revenue: money(o.revenueRecovered) })),
  ];
  return [section(lines.join("\n")), context(t("outreach.saves.footer", { days: saves.windowDays }))];
}
