/**
 * Cohort retention triangle as a table: one row per signup month, its size, then the share of the
 * cohort still active after 0, 1, 2 … periods. Later periods of young cohorts are blank (null).
 */
import { BLOCK_LIMITS } from "../../block-limits.js";
import type { ColumnAlign } from "./block-types.js";
import { countFormatter, valueFormatter, type ChartLocale } from "./format-value.js";
import { EMPTY_CELL, buildTable, type TableResult } from "./build-table.js";

/** One cohort: `shares[i]` is the retained fraction (0..1) after i periods, null when not yet known. */
export interface Cohort {
  /** 'YYYY-MM' */
  cohortMonth: string;
  size: number;
  shares: Array<number | null>;
}

/** Translated column headers. */
export interface CohortTableLabels {
  cohort: string;
  size: string;
  /** Header of period i, e.g. i => `M${i}` or i => `${i}か月後`. */
  period: (index: number) => string;
}

/** Input of `buildCohortTable`. */
export interface CohortTableInput {
  cohorts: Cohort[];
  locale: ChartLocale;
  labels: CohortTableLabels;
  caption: string;
}

/** Result: the table, plus how many periods fit beside the cohort and size columns. */
export interface CohortTableResult extends TableResult {
  shownPeriods: number;
  totalPeriods: number;
}

const COHORT_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Cohort and size columns take two of the 20 cells in a row. */
export const MAX_COHORT_PERIODS = BLOCK_LIMITS.tableCellsPerRow - 2;

function monthFormatter(locale: ChartLocale): (cohortMonth: string) => string {
  const format = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  return (cohortMonth) => {
    const match = COHORT_MONTH.exec(cohortMonth);
    if (!match) throw new RangeError(`buildCohortTable: cohortMonth must be YYYY-MM, got "${cohortMonth}"`);
    return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  };
}

/**
 * Build the cohort triangle, oldest cohort first. With more cohorts than the table holds (99), the
 * newest are kept and `truncated` reports the cut; with more than 18 periods, the first 18 are kept.
 * Throws RangeError on a malformed cohortMonth.
 */
export function buildCohortTable(input: CohortTableInput): CohortTableResult {
  const month = monthFormatter(input.locale);
  const percent = valueFormatter({ valueFormat: "percent", locale: input.locale });
  const count = countFormatter(input.locale);
  const ordered = [...input.cohorts].sort((a, b) => a.cohortMonth.localeCompare(b.cohortMonth));
  const totalPeriods = Math.max(0, ...ordered.map((c) => c.shares.length));
  const shownPeriods = Math.min(totalPeriods, MAX_COHORT_PERIODS);

  const periodIndexes = Array.from({ length: shownPeriods }, (_, i) => i);
  const right: ColumnAlign = "right";
  const columns = [
    { header: input.labels.cohort, align: "left" as ColumnAlign },
    { header: input.labels.size, align: right },
    ...periodIndexes.map((i) => ({ header: input.labels.period(i), align: right })),
  ];
  const rows = ordered.map((c) => [
    month(c.cohortMonth),
    count(c.size),
    ...periodIndexes.map((i) => {
      const share = c.shares[i];
      return share === null || share === undefined || !Number.isFinite(share) ? EMPTY_CELL : percent(share);
    }),
  ]);
  const table = buildTable({ columns, rows, caption: input.caption, keep: "last" });
  const truncated =
    table.truncated === null && shownPeriods === totalPeriods
      ? null
      : {
          shownRows: table.truncated?.shownRows ?? rows.length,
          totalRows: rows.length,
          shownColumns: columns.length,
          totalColumns: totalPeriods + 2,
        };
  return { ...table, truncated, shownPeriods, totalPeriods };
}
