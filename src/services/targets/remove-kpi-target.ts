import type { TargetKpi } from "../../domain/targets/target-kpis.js";
import type { TeamScope } from "../types.js";

/** Removes the target of one KPI for one segment ('' = all customers); false when there was none. */
export async function removeKpiTarget(scope: TeamScope, t: { kpi: TargetKpi; segment: string }): Promise<boolean> {
  const { count } = await scope.db.kpiTarget.deleteMany({ where: { teamId: scope.teamId, kpi: t.kpi, segment: t.segment } });
  return count > 0;
}
