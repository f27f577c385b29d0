import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { TargetStanding } from "../../domain/targets/target-kpis.js";
import type { Translate } from "../../i18n/index.js";
import { context, escapeMrkdwn, header, section } from "../blocks.js";
import { changeFormatter, valueFormatter } from "./charts/format-value.js";
import { standingLines } from "../targets/target-words.js";

type Unit = "rate" | "count" | "money" | "number" | "nps";
type KpiKey =
  | "retentionRate"
  | "churnRate"
  | "activeAtEnd"
  | "newCustomers"
  | "reactivatedCustomers"
  | "purchasingCustomers"
  | "repeatPurchaseRate"
  | "purchaseFrequency"
  | "averageOrderValue"
  | "revenue"
  | "revenuePerPurchasingCustomer"
  | "historicClv"
  | "csat"
  | "nps";

/** The headline KPIs in the order shown, with how each is formatted. */
export const HEADLINE_KPIS: ReadonlyArray<{ key: KpiKey; unit: Unit }> = [
  { key: "retentionRate", unit: "rate" },
  { key: "churnRate", unit: "rate" },
  { key: "activeAtEnd", unit: "count" },
  { key: "newCustomers", unit: "count" },
  { key: "reactivatedCustomers", unit: "count" },
  { key: "purchasingCustomers", unit: "count" },
  { key: "repeatPurchaseRate", unit: "rate" },
  { key: "purchaseFrequency", unit: "number" },
  { key: "averageOrderValue", unit: "money" },
  { key: "revenue", unit: "money" },
  { key: "revenuePerPurchasingCustomer", unit: "money" },
  { key: "historicClv", unit: "money" },
  { key: "csat", unit: "rate" },
  { key: "nps", unit: "nps" },
];

/** Locale-aware formatters; money has no currency symbol because purchases may mix currencies. */
export function kpiFormatters(locale: Locale) {
  const rate = valueFormatter({ valueFormat: "percent", locale });
  const ratePoints = changeFormatter({ valueFormat: "percent", locale });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const countChange = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const moneyChange = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const numberChange = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const npsValue = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  return {
    value(unit: Unit, v: number): string {
      if (unit === "rate") return rate(v);
      if (unit === "count") return count.format(v);
      if (unit === "money") return money.format(v);
      if (unit === "nps") return npsValue.format(v * 100);
      return number.format(v);
    },
    /** Rates and NPS change in points; counts, money and numbers by their difference. */
    change(unit: Unit, delta: number, pt: string): string {
      if (unit === "rate" || unit === "nps") return `${ratePoints(delta)} ${pt}`;
      if (unit === "count") return countChange.format(delta);
      if (unit === "money") return moneyChange.format(delta);
      return numberChange.format(delta);
    },
  };
}

/** ↑, ↓ or → for the change of a value; null when either side is undefined. */
export function arrow(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const d = Math.round((current - previous) * 1e9);
  return d > 0 ? "↑" : d < 0 ? "↓" : "→";
}

/** One KPI's text: value, arrow and change against the previous period, or "no data". */
export function kpiLine(opts: { key: KpiKey; unit: Unit; report: KpiReport; t: Translate; locale: Locale }): { label: string; value: string; change: string | null } {
  const fmt = kpiFormatters(opts.locale);
  const label = opts.t(`kpi.label.${opts.key}`);
  const cur = opts.report[opts.key] as number | null;
  const prev = opts.report.previous[opts.key] as number | null;
  if (cur === null) return { label, value: opts.t("kpi.noValue"), change: null };
  const value = fmt.value(opts.unit, cur);
  const dir = arrow(cur, prev);
  if (dir === null || prev === null) return { label, value, change: opts.report.previous.hasData ? null : opts.t("kpi.noPrevious") };
  return { label, value, change: `${dir} ${fmt.change(opts.unit, cur - prev, opts.t("kpi.pt"))}` };
}

/** Local days for display: the period's `to` is exclusive, so the last shown day is the day before. */
function dayLabel(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
function lastDay(to: string): string {
  const [y, m, d] = to.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/**
 * The `/kpi` answer: header, the period used (inclusive days for people), one field per KPI with its
 * value, arrow and change, or the "no data" message when the period has nothing (with the import command
 * only when `forAdmin`: business users are told to ask an admin). `counter`: how Japanese counts customers.
 * `standings`: the KPIs that have a target (domain/targets), shown under the numbers as on or off track.
 */
export function buildKpiReport(
  report: KpiReport,
  opts: { t: Translate; locale: Locale; counter: CustomerCounter; forAdmin: boolean; standings?: readonly TargetStanding[] },
): { blocks: KnownBlock[]; text: string } {
  const { t, locale } = opts;
  const title = report.segment ? t("kpi.headerSegment", { segment: escapeMrkdwn(report.segment) }) : t("kpi.header");
  const period = t("kpi.period", {
    from: dayLabel(report.from, locale),
    to: dayLabel(lastDay(report.to), locale),
    prevFrom: dayLabel(report.previous.from, locale),
    prevTo: dayLabel(lastDay(report.previous.to), locale),
    window: report.window,
    timeZone: report.timeZone,
  });
  if (!report.hasData) {
    const noData = t(opts.forAdmin ? "kpi.noData.admin" : "kpi.noData");
    return { blocks: [header(title), context(escapeMrkdwn(period)), section(noData)], text: `${title}\n${noData}` };
  }
  const lines = HEADLINE_KPIS.map((k) => kpiLine({ ...k, report, t, locale }));
  const fields = lines.map((l) => ({ type: "mrkdwn" as const, text: `*${l.label}*\n${l.value}${l.change ? `  ${l.change}` : ""}` }));
  const blocks: KnownBlock[] = [header(title), context(escapeMrkdwn(period))];
  for (let i = 0; i < fields.length; i += 10) blocks.push({ type: "section", fields: fields.slice(i, i + 10) });
  const fmt = kpiFormatters(locale);
  if (report.activeAtStart > 0) {
    blocks.push(
      context(
        t("kpi.retainedOf", { retained: fmt.value("count", report.retained), start: fmt.value("count", report.activeAtStart), counter: t(`customerCounter.${opts.counter}`) }),
      ),
    );
  }
  const targets = opts.standings?.length ? [t("targets.heading"), ...standingLines(t, locale, opts.standings)] : [];
  if (targets.length) blocks.push(section(targets.join("\n")));
  const text = [title, period, ...lines.map((l) => `${l.label}: ${l.value}${l.change ? t("word.aside", { text: l.change }) : ""}`), ...targets].join("\n");
  return { blocks, text };
}
