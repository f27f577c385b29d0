import type { Locale } from "../../config.js";
import type { CohortReport } from "../../domain/kpi/cohorts.js";
import type { Translate } from "../../i18n/index.js";
import { buildCohortTable } from "../charts/cohort-table.js";

function monthLabel(day: string, locale: Locale): string {
  const [y, m] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/**
 * `/kpi cohorts`: the triangle as one table block (charts' buildCohortTable), with a line saying what was
 * cut when there are more cohorts or months than a table holds.
 */
export function buildKpiCohorts(report: CohortReport, opts: { t: Translate; locale: Locale }) {
  const { t, locale } = opts;
  const [ly, lm] = report.to.split("-").map(Number);
  const lastMonth = new Date(Date.UTC(ly!, lm! - 2, 1)).toISOString().slice(0, 10);
  const caption = t("kpi.cohorts.caption", { from: monthLabel(report.from, locale), to: monthLabel(lastMonth, locale), timeZone: report.timeZone });
  if (report.cohorts.length === 0) {
    const text = `${caption}\n${t("kpi.cohorts.none")}`;
    return { blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }], text };
  }
  const table = buildCohortTable({
    cohorts: report.cohorts.map((c) => ({ cohortMonth: c.cohortMonth, size: c.size, shares: c.shares })),
    locale,
    labels: { cohort: t("kpi.cohorts.cohort"), size: t("kpi.cohorts.size"), period: (n) => t("kpi.cohorts.month", { n }) },
    caption,
  });
  const blocks: Array<(typeof table.blocks)[number] | { type: "context"; elements: Array<{ type: "mrkdwn"; text: string }> }> = [...table.blocks];
  let text = table.fallbackText;
  if (table.truncated) {
    const cut = t("kpi.cohorts.cut", {
      shownRows: table.truncated.shownRows,
      totalRows: table.truncated.totalRows,
      shownPeriods: table.shownPeriods,
      totalPeriods: table.totalPeriods,
    });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: cut }] });
    text = `${text}\n${cut}`;
  }
  return { blocks, text };
}
