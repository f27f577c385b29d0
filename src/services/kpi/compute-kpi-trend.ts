import { addDays, defaultPeriod, type Day } from "../../domain/time/calendar.js";
import { periodKpis, type KpiPeriod } from "../../domain/kpi/report.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { queryPeriodCounts } from "./kpi-counts.js";
import { boundariesOf, kpiSettings } from "./resolve-period.js";
import { rememberTrendAsk } from "./trend-asks.js";

export interface ComputeKpiTrendOptions extends TeamScope {
  /** How many periods, oldest first in the result (1..52). Default 12. */
  periods?: number;
  /** Length of each period: 28 (4 weeks) or 7 days. Default 28. */
  periodDays?: 28 | 7;
  /** Exclusive end of the last period; default: Monday of the current week (last complete week). */
  to?: Day | undefined;
  segment?: string | null | undefined;
  window?: number | undefined;
  now?: Date | undefined;
  /** Whose calendar the days are: default the workspace's time zone (a digest passes its subscription's). */
  timeZone?: string | undefined;
  /**
   * Record a current trend (ending where the default period ends) as asked, so the kpi-warmup job keeps it counted
   * (trend-asks.ts). Default true; the job itself passes false.
   */
  remember?: boolean | undefined;
}

/** One point of a trend: the full KPIs of that period (retentionRate/churnRate are what charts plot). */
export type KpiTrendPoint = KpiPeriod;

/**
 * KPIs for the last N consecutive periods ending at `to`, oldest first, from the same query as computeKpis
 * (so the digest, App Home and charts agree with `/kpi`). Throws AppError BAD_INPUT for periods outside 1..52.
 */
export async function computeKpiTrend(opts: ComputeKpiTrendOptions): Promise<KpiTrendPoint[]> {
  const periods = opts.periods ?? 12;
  const periodDays = opts.periodDays ?? 28;
  if (!Number.isInteger(periods) || periods < 1 || periods > 52) throw new AppError("BAD_INPUT", "kpi.error.period");
  const { timeZone, window } = await kpiSettings(opts);
  const defaultEnd = defaultPeriod(opts.now ?? new Date(), timeZone).to;
  const end = opts.to ?? defaultEnd;
  const days = Array.from({ length: periods + 1 }, (_, j) => addDays(end, -periodDays * (periods - j)));
  const counts = await queryPeriodCounts({ db: opts.db, teamId: opts.teamId, segment: opts.segment, ...boundariesOf(days, window, timeZone) });
  if (opts.remember !== false && end === defaultEnd && opts.segment !== "") await rememberTrendAsk({ ...opts, segment: opts.segment ?? "", timeZone, periodDays });
  return counts.map((c, i) => periodKpis({ from: days[i]!, to: days[i + 1]! }, window, c));
}
