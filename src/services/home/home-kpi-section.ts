import { createHash } from "node:crypto";
import type { KpiReport } from "../../domain/kpi/report.js";
import { computeKpiTrend } from "../kpi/compute-kpi-trend.js";
import { computeKpis } from "../kpi/compute-kpis.js";
import { getChartImage, type ChartImageRef } from "./chart-image-cache.js";
import { homeKpiBlocks } from "../../views/home/home-kpis.js";
import { renderHomeTrendPng } from "../../views/home/home-trend-image.js";
import { customerDataRefusal } from "../access/check-access.js";
import type { HomeSection } from "./home-section.js";

/**
 * Cache key of the Home trend image: chart kind, the period it ends with, the language it is drawn in, and a
 * fingerprint of the latest period's counts (the trend's last period is the headline period), so a late
 * import that changes the latest figures draws a new image instead of showing a stale one all week.
 */
export function homeTrendKey(report: KpiReport, locale: string): string {
  const counts = [report.window, report.activeAtStart, report.retained, report.activeAtEnd, report.purchases, report.revenue].join(",");
  return `kpi-trend|${report.to}|${locale}|${createHash("sha1").update(counts).digest("hex").slice(0, 10)}`;
}

/**
 * Headline KPIs with their change, and the retention/churn trend of the 12 periods ending where the
 * headline period ends, as an uploaded PNG (one upload per workspace, period and language).
 */
export const homeKpiSection: HomeSection = {
  name: "kpis",
  async build({ deps, client, teamId, userId, t, now, access }) {
    // Members only; the insights section below tells the others why.
    if (customerDataRefusal(access)) return [];
    const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
    const report = await computeKpis({ db: deps.db, teamId, now });
    let chart: ChartImageRef | null = null;
    if (report.hasData) {
      const make = async () => renderHomeTrendPng(t, locale, await computeKpiTrend({ db: deps.db, teamId, to: report.to, now }));
      chart = await getChartImage({ db: deps.db, teamId, client, log: deps.log, key: homeTrendKey(report, locale), make, now });
    }
    return homeKpiBlocks(t, locale, report, chart, { forAdmin: access.isAdmin });
  },
};
