/**
 * The cohort triangle (computeCohorts' output) as one Slack `table` block, and what was cut when the
 * cohorts or months do not fit: the newest cohorts are kept and the message says how to see the rest.
 */
import type { Locale } from "../../config.js";
import type { CohortReport, CohortRow } from "../../domain/kpi/cohorts.js";
import type { Translate } from "../../i18n/index.js";
import type { ContextBlock, SectionBlock, TableBlock } from "./charts/block-types.js";
import { buildCohortTable } from "./charts/build-cohort-table.js";
import type { KpiVisual } from "./kpi-trend-blocks.js";
import { fallbackText } from "../long-text.js";
import { monthLabel } from "./labels.js";

/** What the table left out; null fields when that dimension fit. */
export interface CohortCut {
  shownCohorts: number;
  totalCohorts: number;
  /** Year of the newest cohort left out: `/kpi cohorts <year>` shows it. Null when no cohort was cut. */
  olderYear: number | null;
  shownPeriods: number;
  totalPeriods: number;
}

/** Result of `cohortTableBlocks`. */
export interface CohortTableVisual extends KpiVisual<SectionBlock | TableBlock | ContextBlock> {
  cut: CohortCut | null;
}

const section = (text: string): SectionBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/**
 * Caption, table and (when something did not fit) a context line such as "Showing the newest 99 of 130
 * cohorts; see `/kpi cohorts 2015` for older ones." `year` keeps only that year's cohorts (for
 * `/kpi cohorts 2025`: call computeCohorts with `from: "2025-01-01"` so the months after it are counted).
 *
 * Where it goes: `/kpi cohorts [year] [segment]` (src/listeners/commands/kpi-cohorts.ts) replaces
 * `buildKpiCohorts(...)` with this, `parseCohortYear` splitting the words. One table per message: do not
 * combine with `kpiChangeTableBlocks`. Never throws on computeCohorts output.
 */
export function cohortTableBlocks(t: Translate, locale: Locale, report: CohortReport, opts: { year?: number | null } = {}): CohortTableVisual {
  const year = opts.year ?? null;
  const cohorts = year === null ? report.cohorts : report.cohorts.filter((c) => c.cohortMonth.startsWith(`${year}-`));
  if (cohorts.length === 0) {
    const text = year === null ? t("visuals.cohorts.none") : t("visuals.cohorts.noneInYear", { year });
    return { blocks: [section(text)], text, cut: null };
  }
  const ordered = [...cohorts].sort((a, b) => a.cohortMonth.localeCompare(b.cohortMonth));
  const table = buildCohortTable({
    cohorts: ordered.map((c: CohortRow) => ({ cohortMonth: c.cohortMonth, size: c.size, shares: c.shares })),
    locale,
    labels: { cohort: t("visuals.cohorts.cohort"), size: t("visuals.cohorts.size"), period: (n) => t("visuals.cohorts.month", { n }) },
    caption: "",
  });
  const shownCohorts = table.truncated?.shownRows ?? ordered.length;
  const firstShown = ordered[ordered.length - shownCohorts]!;
  const caption = t("visuals.cohorts.caption", {
    from: monthLabel(`${firstShown.cohortMonth}-01`, locale),
    to: monthLabel(`${ordered.at(-1)!.cohortMonth}-01`, locale),
    timeZone: report.timeZone,
  });
  const notices: string[] = [];
  let olderYear: number | null = null;
  if (shownCohorts < ordered.length) {
    olderYear = Number(ordered[ordered.length - shownCohorts - 1]!.cohortMonth.slice(0, 4));
    notices.push(t("visuals.cohorts.cutRows", { shown: shownCohorts, total: ordered.length, year: olderYear }));
  }
  if (table.shownPeriods < table.totalPeriods) notices.push(t("visuals.cohorts.cutPeriods", { shown: table.shownPeriods, total: table.totalPeriods }));
  const blocks: CohortTableVisual["blocks"] = [section(caption), ...table.blocks];
  if (notices.length) blocks.push({ type: "context", elements: notices.map((text) => ({ type: "mrkdwn" as const, text })) });
  const text = fallbackText([caption, ...notices, ...table.fallbackText.split("\n")], (count) => t("visuals.fallback.more", { count }));
  const cut = notices.length ? { shownCohorts, totalCohorts: ordered.length, olderYear, shownPeriods: table.shownPeriods, totalPeriods: table.totalPeriods } : null;
  return { blocks, text, cut };
}
