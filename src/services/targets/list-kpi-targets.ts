import { TARGET_KPIS, type TargetKpi } from "../../domain/targets/target-kpis.js";
import type { TeamScope } from "../types.js";

/** One stored target. `segment` '' means all customers. */
export interface KpiTargetRow {
  kpi: TargetKpi;
  segment: string;
  value: number;
  setBy: string;
  updatedAt: Date;
}

/**
 * The workspace's targets: all of them, or those of one segment (`segment: null` = all customers, i.e. rows with
 * segment ''). Ordered by segment, then in the order KPIs are shown.
 */
export async function listKpiTargets(scope: TeamScope & { segment?: string | null }): Promise<KpiTargetRow[]> {
  const rows = await scope.db.kpiTarget.findMany({
    where: { teamId: scope.teamId, ...(scope.segment === undefined ? {} : { segment: scope.segment ?? "" }) },
    orderBy: [{ segment: "asc" }],
  });
  const order = (k: string) => TARGET_KPIS.indexOf(k as TargetKpi);
  return rows
    .filter((r) => order(r.kpi) >= 0)
    .sort((a, b) => a.segment.localeCompare(b.segment) || order(a.kpi) - order(b.kpi))
    .map((r) => ({ kpi: r.kpi as TargetKpi, segment: r.segment, value: r.value, setBy: r.setBy, updatedAt: r.updatedAt }));
}
