import type { Db } from "../db/client.js";
import type { Log } from "../log.js";
import { forgetOldTrendData } from "../services/kpi/trend-asks.js";
import { eraseWorkspaceData } from "../services/workspace/erase-workspace.js";

/** Slack retries an event for at most about an hour; two days of event ids is a wide margin. */
export const PROCESSED_EVENT_TTL_MS = 48 * 3_600_000;

/**
 * Daily clean-up, idempotent (any replica may run it):
 * - forgets Slack event ids older than PROCESSED_EVENT_TTL_MS (they only guard against retries and duplicate
 *   deliveries, which never come that late);
 * - forgets KPI trends nobody asked for within 35 days and period rollups of periods that ended more than 400 days
 *   ago (trend-asks.ts: no default trend reads them);
 * - erases the data of workspaces that uninstalled the app and whose grace period (ERASE_GRACE_DAYS) is over.
 */
export async function runHousekeeping({
  db,
  now,
  log,
}: {
  db: Db;
  now: Date;
  log?: Log;
}): Promise<{ processedEventsDeleted: number; trendAsksForgotten: number; rollupsForgotten: number; workspacesErased: number }> {
  const cutoff = new Date(now.getTime() - PROCESSED_EVENT_TTL_MS);
  const { count } = await db.processedEvent.deleteMany({ where: { receivedAt: { lt: cutoff } } });
  const forgotten = await forgetOldTrendData({ db, now });
  const due = await db.workspace.findMany({ where: { uninstalledAt: { not: null }, eraseAfter: { lte: now } }, select: { teamId: true }, orderBy: { teamId: "asc" } });
  let workspacesErased = 0;
  for (const { teamId } of due) {
    const deleted = await eraseWorkspaceData({ db, teamId }, { dueBy: now });
    if (!deleted) continue;
    workspacesErased++;
    log?.info({ teamId, deleted }, "workspace data erased after uninstall");
  }
  return { processedEventsDeleted: count, trendAsksForgotten: forgotten.asks, rollupsForgotten: forgotten.rollups, workspacesErased };
}
