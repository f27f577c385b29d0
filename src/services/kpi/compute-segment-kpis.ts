import { previousPeriod, type DayRange } from "../../domain/time/calendar.js";
import { addCounts, noCounts, periodKpis, type KpiReport, type PeriodCounts } from "../../domain/kpi/report.js";
import type { TeamScope } from "../types.js";
import { queryPeriodCountsBySegment } from "./kpi-counts.js";
import { boundariesOf, kpiSettings } from "./resolve-period.js";

export interface ComputeSegmentKpisOptions extends TeamScope {
  /** The period (local days, `to` exclusive); its predecessor of the same length is counted too. */
  range: DayRange;
  /** Activity window in days; default: the workspace's. */
  window?: number | undefined;
  /** Whose calendar the days are: default the workspace's time zone. */
  timeZone?: string | undefined;
}

/**
 * computeKpis for all customers and for every segment at once, from one set of statements grouped by segment (a KPI
 * alert judges them all): the same numbers as computeKpis with and without `segment`. `all` adds up every segment's
 * counts, customers without a segment included.
 */
export async function computeSegmentKpis(opts: ComputeSegmentKpisOptions): Promise<{ all: KpiReport; segments: Map<string, KpiReport> }> {
  const { timeZone, window } = await kpiSettings(opts);
  const prev = previousPeriod(opts.range);
  const bySegment = await queryPeriodCountsBySegment({ db: opts.db, teamId: opts.teamId, ...boundariesOf([prev.from, opts.range.from, opts.range.to], window, timeZone) });
  const report = (segment: string | null, [before, current]: PeriodCounts[]): KpiReport => ({
    ...periodKpis(opts.range, window, current!),
    segment,
    timeZone,
    previous: periodKpis(prev, window, before!),
  });
  let total = noCounts(2);
  const segments = new Map<string, KpiReport>();
  for (const [segment, counts] of bySegment) {
    total = total.map((c, i) => addCounts(c, counts[i]!));
    if (segment !== null) segments.set(segment, report(segment, counts));
  }
  return { all: report(null, total), segments };
}
