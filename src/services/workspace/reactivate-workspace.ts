import type { TeamScope } from "../types.js";
import { UNINSTALLED } from "./suspend-workspace.js";

/**
 * The workspace uses the app again (reinstalled): cancels a pending erase and resumes the digests that the
 * uninstall paused (runs missed meanwhile are not owed). API tokens stay revoked: admins create new ones.
 * Costs one indexed UPDATE that matches nothing for a workspace that was never uninstalled, so it may run on
 * every request. Returns true when an erase was cancelled.
 */
export async function reactivateWorkspace({ db, teamId }: TeamScope, opts: { now: Date }): Promise<boolean> {
  const { count } = await db.workspace.updateMany({ where: { teamId, uninstalledAt: { not: null } }, data: { uninstalledAt: null, eraseAfter: null } });
  if (count === 0) return false;
  await db.digestSubscription.updateMany({ where: { teamId, pauseReason: UNINSTALLED }, data: { pausedAt: null, pauseReason: null, activeSince: opts.now } });
  return true;
}
