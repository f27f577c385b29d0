/**
 * Keeps the 12-period trends people ask for counted (issue #17). A first computation of a large workspace's trend
 * scans every purchase of the year (seconds on millions of purchases); once its closed periods are kept
 * (KpiPeriodRollup) it reads them back in milliseconds. The default trend's periods move every Monday, and a change to
 * the data drops the periods it reaches. Every few minutes this counts (reading what is kept, counting only what is
 * missing) the default trend of each workspace whose KPI data changed within the hour (the rollup triggers log every
 * change in KpiChangeLog) and every current trend asked for within 35 days (KpiTrendAsk: `/kpi` and its segments,
 * App Home, digests in their time zones), so the person who asks next does not wait for the scan. Every replica may
 * run it: a period is kept once, and a period already kept is only read.
 */
import type { Db } from "../db/client.js";
import { errorFields, type Log } from "../log.js";
import { computeKpiTrend } from "../services/kpi/compute-kpi-trend.js";
import { trendsToKeepWarm } from "../services/kpi/trend-asks.js";

export async function runKpiWarmup(opts: { db: Db; log: Log; now: Date }): Promise<{ trends: number; failed: number }> {
  const { db, log, now } = opts;
  const changed = await db.kpiChangeLog.findMany({ where: { team: { not: null } }, distinct: ["team"], select: { team: true } });
  const trends = await trendsToKeepWarm({ db, now, changed: changed.map((c) => c.team!) });
  let failed = 0;
  for (const t of trends) {
    await computeKpiTrend({ db, ...t, now, remember: false }).catch((e) => {
      failed++;
      log.error({ teamId: t.teamId, err: errorFields(e) }, "kpi warm-up failed");
    });
  }
  return { trends: trends.length, failed };
}
