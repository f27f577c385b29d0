import { previousPeriod, type Day } from "../../domain/time/calendar.js";
import { periodKpis, type KpiReport } from "../../domain/kpi/report.js";
import type { TeamScope } from "../types.js";
import { queryPeriodCounts } from "./kpi-counts.js";
import { boundariesOf, kpiSettings, resolveRange } from "./resolve-period.js";

export interface ComputeKpisOptions extends TeamScope {
  /** A period word (`2026-10`, `2026-Q3`, `2026-W44`, `2026-10-01..2026-11-01`, `last-month`...) instead of from/to. */
  period?: string | undefined;
  /** First local day of the period (YYYY-MM-DD); with `to`, or neither for the default period. */
  from?: Day | undefined;
  /** First local day AFTER the period (exclusive). */
  to?: Day | undefined;
  /** Only customers of this segment (exact match). */
  segment?: string | null | undefined;
  /** Activity window in days; default: the workspace's activityWindowDays (90). */
  window?: number | undefined;
  /** For the default period; defaults to the clock. */
  now?: Date | undefined;
  /** Whose calendar the days are: default the workspace's time zone (a digest passes its subscription's). */
  timeZone?: string | undefined;
}

/**
 * The KPIs of a period and of the period of the same length just before it: the one code path behind
 * `/kpi`, GET /api/v1/kpis and `npm run kpi`. Days are in the workspace time zone; default period: the
 * last 4 complete Monday-based weeks. Throws AppError BAD_INPUT for a malformed period or window.
 * Relative periods (`last-month`) count from today in `timeZone`.
 */
export async function computeKpis(opts: ComputeKpisOptions): Promise<KpiReport> {
  const { timeZone, window } = await kpiSettings(opts);
  const range = resolveRange({ period: opts.period, from: opts.from, to: opts.to, now: opts.now ?? new Date(), timeZone });
  const prev = previousPeriod(range);
  const [before, current] = await queryPeriodCounts({
    db: opts.db,
    teamId: opts.teamId,
    segment: opts.segment,
    ...boundariesOf([prev.from, range.from, range.to], window, timeZone),
  });
  return {
    ...periodKpis(range, window, current!),
    segment: opts.segment ?? null,
    timeZone,
    previous: periodKpis(prev, window, before!),
  };
}
