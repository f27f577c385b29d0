import { previousPeriod, type DayRange } from "../../domain/time/calendar.js";
import { addCounts, noCounts, periodKpis, type KpiReport, type PeriodCounts } from "../../domain/kpi/report.js";
import type { TeamScope } from "../types.js";
import { findSegment } from "./find-segment.js";
import { queryPeriodCountsBySegment, rollupPeriodsOf } from "./kpi-counts.js";
import { readPeriodRollupsOf, storePeriodRollups } from "./period-rollups.js";
import { boundariesOf, kpiSettings } from "./resolve-period.js";

export interface ComputeSegmentKpisOptions extends TeamScope {
  /** The period (local days, `to` exclusive); its predecessor of the same length is counted too. */
  range: DayRange;
  /** Activity window in days; default: the workspace's. */
  window?: number | undefined;
  /** Whose calendar the days are: default the workspace's time zone. */
  timeZone?: string | undefined;
  /** The workspace's segments (findSegment's `known`), when the caller has read them already. */
  known?: readonly string[] | undefined;
}

/**
 * computeKpis for all customers and for every segment at once (a KPI alert judges them all): the same numbers as
 * computeKpis with and without `segment`. When the two periods are kept (KpiPeriodRollup) for everyone and every known
 * segment, they are read; otherwise one set of statements grouped by segment counts them (not one computeKpis per
 * segment), `all` adds up every segment's counts (customers without a segment included), and the closed periods are
 * kept for everyone and each segment, so `/kpi <segment>`, the digest and the trends read them afterwards.
 */
export async function computeSegmentKpis(opts: ComputeSegmentKpisOptions): Promise<{ all: KpiReport; segments: Map<string, KpiReport> }> {
  const { db, teamId } = opts;
  const { timeZone, window } = await kpiSettings(opts);
  const prev = previousPeriod(opts.range);
  const boundaries = boundariesOf([prev.from, opts.range.from, opts.range.to], window, timeZone);
  const periods = rollupPeriodsOf(boundaries);
  const report = (segment: string | null, [before, current]: PeriodCounts[]): KpiReport => ({
    ...periodKpis(opts.range, window, current!),
    segment,
    timeZone,
    previous: periodKpis(prev, window, before!),
  });
  const known = opts.known ?? (await findSegment({ db, teamId, name: "" })).known;
  const read = await readPeriodRollupsOf({ db, teamId, segmentKeys: ["", ...known], periods });
  const kept = (key: string) => read.counts.get(key)! as PeriodCounts[];
  if ([...read.counts.values()].every((counts) => counts.every((c) => c !== undefined))) {
    return { all: report(null, kept("")), segments: new Map(known.map((segment) => [segment, report(segment, kept(segment))])) };
  }
  const bySegment = await queryPeriodCountsBySegment({ db, teamId, ...boundaries });
  let total = noCounts(2);
  const segments = new Map<string, KpiReport>();
  for (const [segment, counts] of bySegment) {
    total = total.map((c, i) => addCounts(c, counts[i]!));
    if (segment !== null) segments.set(segment, report(segment, counts));
  }
  const keep = async (segmentKey: string, counts: readonly PeriodCounts[]) =>
    storePeriodRollups({ db, teamId, segmentKey, read, periods: periods.map((p, k) => ({ ...p, counts: counts[k]! })) });
  await keep("", total);
  for (const segment of known) {
    const counts = bySegment.get(segment);
    if (counts) await keep(segment, counts);
  }
  return { all: report(null, total), segments };
}
