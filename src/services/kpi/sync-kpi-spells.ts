import type { TeamScope } from "../types.js";

/**
 * Rebuilds the team's activity spells (KpiSpell) when the workspace's activity window or time zone differs
 * from what they were built for; returns whether it rebuilt. One statement (kpi_spells_sync): writers of
 * purchases wait for it and then maintain the new spells. Until it has run, computeKpis sees the mismatch
 * and counts from the purchases (exact path), so a window changed by any other writer is never wrong, only slower.
 */
export async function syncKpiSpells({ db, teamId }: TeamScope): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<Array<{ rebuilt: boolean }>>(`select kpi_spells_sync($1) as rebuilt`, teamId);
  return rows[0]?.rebuilt === true;
}
