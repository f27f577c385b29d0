import { NO_COUNTS, periodKpis, type KpiPeriod, type KpiReport, type PeriodCounts } from "../../../src/domain/kpi/report.js";

/** One 28-day period with the given counts (the rest zero). */
export const period = (from: string, to: string, counts: Partial<PeriodCounts>): KpiPeriod => periodKpis({ from, to }, 90, { ...NO_COUNTS, ...counts });

/**
 * Three periods: 160 of 200 retained (80%), nobody active at the start (no rate), 210 of 250 retained (84%).
 * Period ends (last days): 2026-08-30, 2026-09-27, 2026-10-25.
 */
export const TREND: KpiPeriod[] = [
  period("2026-08-03", "2026-08-31", { activeAtStart: 200, retained: 160, activeAtEnd: 190 }),
  period("2026-08-31", "2026-09-28", { newCustomers: 3 }),
  period("2026-09-28", "2026-10-26", { activeAtStart: 250, retained: 210, activeAtEnd: 260 }),
];

/** A report: 84% retention against 80%, 260 active against 190, revenue 12,345.5 against 10,000. */
export const REPORT: KpiReport = {
  ...period("2026-09-28", "2026-10-26", { activeAtStart: 250, retained: 210, activeAtEnd: 260, revenue: 12345.5, purchases: 100, purchasingCustomers: 80 }),
  segment: null,
  timeZone: "UTC",
  previous: period("2026-08-31", "2026-09-28", { activeAtStart: 200, retained: 160, activeAtEnd: 190, revenue: 10000, purchases: 90, purchasingCustomers: 75 }),
};
