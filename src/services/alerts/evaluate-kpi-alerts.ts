import { DEFAULT_ALERT_OPTIONS } from "../../domain/alerts/alert-kinds.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import { lowerIsBetter, standingsOf, TARGET_KPIS, TARGET_UNIT } from "../../domain/targets/target-kpis.js";
import { defaultPeriod, type DayRange } from "../../domain/time/calendar.js";
import type { AlertSubscription } from "../../generated/prisma/client.js";
import { computeSegmentKpis } from "../kpi/compute-segment-kpis.js";
import { findSegment } from "../kpi/find-segment.js";
import { listKpiTargets } from "../targets/list-kpi-targets.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf, type TrueCondition } from "./alert-conditions.js";

/** Segments a KPI alert judges: all customers ('') and every segment (the first 50). */
const MAX_SEGMENTS = 50;

/** The move against the previous period that counts: rate and NPS points, else relative to the previous value. */
function adverseMove(kpi: (typeof TARGET_KPIS)[number], value: number, previous: number): number | null {
  const delta = lowerIsBetter(kpi) ? value - previous : previous - value;
  if (TARGET_UNIT[kpi] === "rate" || TARGET_UNIT[kpi] === "nps") return delta;
  return previous > 0 ? delta / previous : null;
}

/** The KPI conditions of one segment's closed period: targets missed, and moves against the period before. */
export function kpiConditions(report: KpiReport, segment: string, targets: ReadonlyArray<{ kpi: string; value: number }>, move: number): TrueCondition[] {
  const out: TrueCondition[] = [];
  if (!report.hasData) return out;
  for (const s of standingsOf(report, targets)) {
    if (s.status !== "off") continue;
    out.push({
      key: `kpi-miss|${s.kpi}|${segment}`,
      facts: { kind: "kpi-miss", kpi: s.kpi, segment, value: s.value!, target: s.target, gap: s.gap!, from: report.from, to: report.to },
    });
  }
  for (const kpi of TARGET_KPIS) {
    const value = report[kpi];
    const previous = report.previous[kpi];
    if (value === null || previous === null) continue;
    const adverse = adverseMove(kpi, value, previous);
    // Rounded so 0.05 computed as a difference of rates equals a 5 pt threshold (not more than it).
    if (adverse === null || Math.round(adverse * 1e9) <= Math.round(move * 1e9)) continue;
    out.push({ key: `kpi-move|${kpi}|${segment}`, facts: { kind: "kpi-move", kpi, segment, value, previous, from: report.from, to: report.to } });
  }
  return out;
}

/**
 * Judges every KPI alert subscription of the workspace whose period closed since it was last judged: the last 4
 * complete weeks in the subscription's time zone (as `/kpi` shows by default), for all customers and each segment.
 * Each closed period is judged once per subscription (its `checkedTo` is taken in one conditional update, so two
 * replicas do not both judge it). Missed targets and adverse moves fire; conditions no longer true are cleared.
 * Returns how many alerts fired.
 */
export async function evaluateKpiAlerts(opts: TeamScope & { now: Date }): Promise<number> {
  const { db, teamId, now } = opts;
  let fired = 0;
  const subs = await subscriptionsOf(db, teamId, "kpi");
  if (!subs.length) return 0;
  const [targets, { known }] = await Promise.all([listKpiTargets({ db, teamId }), findSegment({ db, teamId, name: "" })]);
  const segments = ["", ...known.slice(0, MAX_SEGMENTS)];
  // Every segment's report from one set of statements grouped by segment (not one computeKpis per segment), once per
  // time zone and period among the subscriptions.
  const reports = new Map<string, ReturnType<typeof computeSegmentKpis>>();
  const reportOf = async (sub: AlertSubscription, segment: string, period: DayRange): Promise<KpiReport | undefined> => {
    const key = `${sub.timeZone}|${period.to}`;
    if (!reports.has(key)) reports.set(key, computeSegmentKpis({ db, teamId, range: period, timeZone: sub.timeZone, known }));
    const { all, segments } = await reports.get(key)!;
    return segment === "" ? all : segments.get(segment);
  };
  for (const sub of subs) {
    const period = defaultPeriod(now, sub.timeZone);
    const { count } = await db.alertSubscription.updateMany({
      where: { id: sub.id, OR: [{ checkedTo: null }, { checkedTo: { not: period.to } }] },
      data: { checkedTo: period.to },
    });
    if (count === 0) continue;
    const move = optionsOf(sub).move ?? DEFAULT_ALERT_OPTIONS.move;
    const conditions: TrueCondition[] = [];
    for (const segment of segments) {
      const report = await reportOf(sub, segment, period);
      if (!report) continue;
      conditions.push(
        ...kpiConditions(
          report,
          segment,
          targets.filter((x) => x.segment === segment),
          move,
        ),
      );
    }
    fired += await recordConditions(db, sub, conditions, now, "kpi-");
  }
  return fired;
}
