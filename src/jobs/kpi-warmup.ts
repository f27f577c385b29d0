/**
 * Keeps the 12-period trend warm (issue #17). A first computation of a large workspace's trend scans every purchase
 * of the year (seconds on millions of purchases); once its closed periods are kept (KpiPeriodRollup) it reads them
 * back in milliseconds. Every few minutes this counts the default trend (the one behind `/kpi`, its chart, the
 * digest's and App Home's target lines) of each workspace whose KPI data changed within the hour (the rollup
 * triggers log every change in KpiChangeLog), so the person who asks next does not wait for the scan. Every replica
 * may run it: a period is kept once, and a period already kept is only read.
 */
import type { Db } from "../db/client.js";
import { errorFields, type Log } from "../log.js";
import { computeKpiTrend } from "../services/kpi/compute-kpi-trend.js";

export async function runKpiWarmup(opts: { db: Db; log: Log; now: Date }): Promise<{ workspaces: number; failed: number }> {
  const { db, log, now } = opts;
  const changed = await db.kpiChangeLog.findMany({ where: { team: { not: null } }, distinct: ["team"], select: { team: true } });
  // Only installed workspaces: the log outlives an erased one by up to an hour, and counting it would keep rows again.
  const teams = await db.workspace.findMany({ where: { teamId: { in: changed.map((c) => c.team!) } }, select: { teamId: true }, orderBy: { teamId: "asc" } });
  let failed = 0;
  for (const { teamId } of teams) {
    await computeKpiTrend({ db, teamId, now }).catch((e) => {
      failed++;
      log.error({ teamId, err: errorFields(e) }, "kpi warm-up failed");
    });
  }
  return { workspaces: teams.length, failed };
}
