/**
 * Shared wording of the KPI visuals: period labels, the summary words of charts and alt texts. One place,
 * so the message chart, its fallback text and the App Home image say the same thing.
 */
import type { Locale } from "../../config.js";
import type { Translate } from "../../i18n/index.js";
import type { TrendSummaryLabels } from "./charts/trend-summary.js";

/** The words `buildTrendChart` / `renderTrendPng` put around the key numbers. */
export function summaryLabels(t: Translate): TrendSummaryLabels {
  return {
    latest: t("visuals.summary.latest"),
    change: t("visuals.summary.change"),
    versus: (label) => t("visuals.summary.versus", { label }),
    at: (label) => t("visuals.summary.at", { label }),
    min: t("visuals.summary.min"),
    max: t("visuals.summary.max"),
    percentPoint: t("visuals.summary.pt"),
  };
}

function utcDate(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** The last day of a period whose `to` is exclusive, e.g. ("2026-11-23") -> "2026-11-22". */
export function lastDayOf(to: string): string {
  const d = utcDate(to);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A period's chart label: its last day, as captions write days ("Nov 22, 2026", ja "2026年11月22日"). A two-digit
 * year read ambiguously ("26/11/22"); this one cannot, stays within the chart's 20-character category limit
 * and is unique across any number of periods.
 */
export function periodLabel(to: string, locale: Locale): string {
  return dayLabel(lastDayOf(to), locale);
}

/** A day for captions: "Nov 22, 2026" / "2026年11月22日". */
export function dayLabel(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(utcDate(day));
}

/** A month for captions: "Nov 2026" / "2026年11月". */
export function monthLabel(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(utcDate(day));
}
