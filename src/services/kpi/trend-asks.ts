import type { Db } from "../../db/client.js";
import type { TeamScope } from "../types.js";

/**
 * Which current trends people ask for (KpiTrendAsk), so the kpi-warmup job keeps them counted: a 12-period trend
 * counted from scratch scans a year of purchases (seconds at millions of purchases), and the default trend's periods
 * move every Monday. computeKpiTrend records each current trend it is asked for; the job reads them back.
 */

/** Asks older than this are not kept warm, and housekeeping forgets them. */
export const TREND_ASK_DAYS = 35;

/** One trend to keep counted: segment null is every customer; without timeZone, the workspace's. */
export interface WarmTrend {
  teamId: string;
  segment: string | null;
  timeZone?: string;
  periodDays: 28 | 7;
}

/** Records a current trend as asked: one statement, a write at most hourly per trend (ON CONFLICT: safe for replicas). */
export async function rememberTrendAsk(opts: TeamScope & { segment: string; timeZone: string; periodDays: number; now?: Date | undefined }): Promise<void> {
  const at = opts.now ?? new Date();
  await opts.db.$executeRaw`
    insert into "KpiTrendAsk" ("teamId", "segment", "timeZone", "periodDays", "askedAt")
    values (${opts.teamId}, ${opts.segment}, ${opts.timeZone}, ${opts.periodDays}, ${at})
    on conflict ("teamId", "segment", "timeZone", "periodDays") do update set "askedAt" = excluded."askedAt"
    where "KpiTrendAsk"."askedAt" < excluded."askedAt" - interval '1 hour'`;
}

/**
 * The trends to keep counted at `now`: the default trend of each workspace in `changed` (its data changed: an import
 * nobody has looked at yet), then each trend asked within TREND_ASK_DAYS; installed workspaces only, ordered by
 * workspace.
 */
export async function trendsToKeepWarm(opts: { db: Db; now: Date; changed: readonly string[] }): Promise<WarmTrend[]> {
  const since = new Date(opts.now.getTime() - TREND_ASK_DAYS * 86_400_000);
  const asks = await opts.db.kpiTrendAsk.findMany({
    where: { askedAt: { gte: since } },
    orderBy: [{ teamId: "asc" }, { segment: "asc" }, { timeZone: "asc" }, { periodDays: "asc" }],
  });
  const teams = [...new Set([...opts.changed, ...asks.map((a) => a.teamId)])];
  const installed = new Set((await opts.db.workspace.findMany({ where: { teamId: { in: teams }, uninstalledAt: null }, select: { teamId: true } })).map((w) => w.teamId));
  const out: WarmTrend[] = [...new Set(opts.changed)]
    .sort()
    .filter((teamId) => installed.has(teamId))
    .map((teamId) => ({ teamId, segment: null, periodDays: 28 }));
  for (const a of asks) {
    if (!installed.has(a.teamId) || (a.periodDays !== 28 && a.periodDays !== 7)) continue;
    out.push({ teamId: a.teamId, segment: a.segment === "" ? null : a.segment, timeZone: a.timeZone, periodDays: a.periodDays });
  }
  return out;
}

/**
 * Periods ending longer ago than this are no trend's any more: the default trend spans 12 × 28 = 336 days (a weekly
 * digest's, 84). Kept rows of younger periods are read again: the default trend of four weeks later shares 11 of its
 * 12 periods, so after its first month a workspace's Monday count is its newest period only.
 */
export const ROLLUP_KEEP_DAYS = 400;

/** Housekeeping: forgets asks older than TREND_ASK_DAYS and period rollups ending more than ROLLUP_KEEP_DAYS ago. */
export async function forgetOldTrendData(opts: { db: Db; now: Date }): Promise<{ asks: number; rollups: number }> {
  const day = 86_400_000;
  const asks = await opts.db.kpiTrendAsk.deleteMany({ where: { askedAt: { lt: new Date(opts.now.getTime() - TREND_ASK_DAYS * day) } } });
  const rollups = await opts.db.kpiPeriodRollup.deleteMany({ where: { periodTo: { lt: new Date(opts.now.getTime() - ROLLUP_KEEP_DAYS * day) } } });
  return { asks: asks.count, rollups: rollups.count };
}
