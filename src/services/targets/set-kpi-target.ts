import type { TargetKpi } from "../../domain/targets/target-kpis.js";
import type { TeamScope } from "../types.js";

/**
 * Sets (or replaces) the target of one KPI for one segment ('' = all customers). An upsert on the primary key, so
 * a retried command or two admins at once leave exactly one row. Returns the previous value, if there was one.
 */
export async function setKpiTarget(scope: TeamScope, t: { kpi: TargetKpi; segment: string; value: number; setBy: string }): Promise<{ previous: number | null }> {
  const rows = await scope.db.$queryRaw<{ previous: number | null }[]>`
    with old as (select value from "KpiTarget" where "teamId" = ${scope.teamId} and kpi = ${t.kpi} and segment = ${t.segment})
    insert into "KpiTarget" ("teamId", kpi, segment, value, "setBy", "updatedAt")
    values (${scope.teamId}, ${t.kpi}, ${t.segment}, ${t.value}, ${t.setBy}, now())
    on conflict ("teamId", kpi, segment) do update set value = excluded.value, "setBy" = excluded."setBy", "updatedAt" = now()
    returning (select value from old) as previous`;
  return { previous: rows[0]?.previous ?? null };
}
