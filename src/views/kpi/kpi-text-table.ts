/**
 * The KPI report and the cohort triangle as plain-text tables for a terminal (`npm run kpi`): the same labels and
 * formats as `/kpi` (rates as percentages, changes in points), drawn by cli-table3 without colours so the output
 * reads the same in a pipe or a file.
 */
import Table from "cli-table3";
import type { Locale } from "../../config.js";
import type { CohortReport } from "../../domain/kpi/cohorts.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import type { Translate } from "../../i18n/index.js";
import { valueFormatter } from "./charts/format-value.js";
import { dayLabel, lastDayOf, monthLabel } from "./labels.js";
import { HEADLINE_KPIS, kpiFormatters, kpiLine } from "./kpi-report.js";

const plain = (head: string[], colAligns: Array<"left" | "right">) => new Table({ head, colAligns, style: { head: [], border: [], compact: true } });
const span = (from: string, to: string, locale: Locale) => `${dayLabel(from, locale)} – ${dayLabel(lastDayOf(to), locale)}`;

/** Title, period line and one row per headline KPI: this period, the one before, the change. */
export function kpiReportTable(report: KpiReport, opts: { t: Translate; locale: Locale }): string {
  const { t, locale } = opts;
  const title = report.segment ? t("kpi.headerSegment", { segment: report.segment }) : t("kpi.header");
  const period = t("kpi.period", {
    from: dayLabel(report.from, locale),
    to: dayLabel(lastDayOf(report.to), locale),
    prevFrom: dayLabel(report.previous.from, locale),
    prevTo: dayLabel(lastDayOf(report.previous.to), locale),
    window: report.window,
    timeZone: report.timeZone,
  });
  if (!report.hasData) return [title, period, t("kpi.cli.noData")].join("\n");
  const fmt = kpiFormatters(locale);
  const table = plain(
    [t("kpi.cli.kpi"), span(report.from, report.to, locale), span(report.previous.from, report.previous.to, locale), t("kpi.cli.change")],
    ["left", "right", "right", "right"],
  );
  for (const k of HEADLINE_KPIS) {
    const line = kpiLine({ ...k, report, t, locale });
    const prev = report.previous[k.key] as number | null;
    table.push([line.label, line.value, prev === null ? t("kpi.noValue") : fmt.value(k.unit, prev), line.change ?? ""]);
  }
  return [title, period, table.toString()].join("\n");
}

/** Caption and one row per cohort: its size, then the share of it purchasing in each month after acquisition. */
export function cohortReportTable(report: CohortReport, opts: { t: Translate; locale: Locale }): string {
  const { t, locale } = opts;
  if (report.cohorts.length === 0) return t("visuals.cohorts.none");
  const months = Math.max(...report.cohorts.map((c) => c.shares.length));
  const percent = valueFormatter({ valueFormat: "percent", locale });
  const table = plain(
    [t("visuals.cohorts.cohort"), t("visuals.cohorts.size"), ...Array.from({ length: months }, (_, n) => t("visuals.cohorts.month", { n }))],
    ["left", ...Array.from({ length: months + 1 }, () => "right" as const)],
  );
  for (const c of report.cohorts) {
    table.push([
      monthLabel(`${c.cohortMonth}-01`, locale),
      kpiFormatters(locale).value("count", c.size),
      ...Array.from({ length: months }, (_, k) => (k < c.shares.length ? percent(c.shares[k]!) : "")),
    ]);
  }
  const caption = t("visuals.cohorts.caption", {
    from: monthLabel(`${report.cohorts[0]!.cohortMonth}-01`, locale),
    to: monthLabel(`${report.cohorts.at(-1)!.cohortMonth}-01`, locale),
    timeZone: report.timeZone,
  });
  return [caption, table.toString()].join("\n");
}
