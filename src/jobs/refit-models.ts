import type { Db } from "../db/client.js";
import { errorFields, type Log } from "../log.js";
import { addDays, localDay } from "../domain/time/calendar.js";
import { fitModels } from "../services/prediction/fit-models.js";
import type { FitStatus } from "../services/prediction/stored-fit.js";

export interface RefitResult {
  teamId: string;
  asOf: string;
  /** "skipped" when a converged fit for this asOf already existed (a rerun or a second replica). */
  status: FitStatus | "skipped" | "error";
  fitId?: string;
}

/**
 * The weekly refit: for every workspace that has purchases (and has not uninstalled the app), fits both models on the purchases up to the
 * previous day in the workspace's time zone (its last complete day) and stores the fit. Idempotent per
 * (workspace, asOf): a converged fit already stored for that date is not redone. A failed fit is stored as
 * failed and the previous one stays in use; one workspace's error never stops the others.
 */
export async function runWeeklyRefit({ db, now, log }: { db: Db; now: Date; log: Log }): Promise<RefitResult[]> {
  const teams = await db.$queryRawUnsafe<{ teamId: string; timeZone: string | null }[]>(
    `select t."teamId", w."timeZone"
       from (select distinct "teamId" from "Purchase") t
       left join "Workspace" w on w."teamId" = t."teamId"
      where w."uninstalledAt" is null
      order by t."teamId"`,
  );
  const results: RefitResult[] = [];
  for (const { teamId, timeZone } of teams) {
    let asOf = "";
    try {
      asOf = addDays(localDay(now, timeZone ?? "UTC"), -1);
      const done = await db.modelFit.findFirst({ where: { teamId, asOf: new Date(`${asOf}T00:00:00Z`), converged: true }, select: { id: true } });
      if (done) {
        results.push({ teamId, asOf, status: "skipped", fitId: done.id });
        continue;
      }
      const { fit } = await fitModels({ db, teamId, asOf, log });
      results.push({ teamId, asOf, status: fit.status, fitId: fit.id });
    } catch (e) {
      log.error({ teamId, asOf, err: errorFields(e) }, "weekly refit failed for a workspace");
      results.push({ teamId, asOf, status: "error" });
    }
  }
  log.info({ workspaces: results.length, failed: results.filter((r) => r.status !== "converged" && r.status !== "skipped").length }, "weekly refit done");
  return results;
}
