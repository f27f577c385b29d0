import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { isConverged, toStoredFit, type ConvergedFit, type StoredFit } from "./stored-fit.js";

/**
 * The workspace's most recently computed converged fit (by creation time, so an on-demand refit replaces
 * the weekly one until the next), or null. Failed attempts never replace it.
 */
export async function getLatestFit({ db, teamId }: TeamScope): Promise<ConvergedFit | null> {
  const row = await db.modelFit.findFirst({ where: { teamId, converged: true }, orderBy: { createdAt: "desc" } });
  const fit = row ? toStoredFit(row) : null;
  return fit && isConverged(fit) ? fit : null;
}

/** What readers show: the fit in use, and the newest failed attempt made after it (to report it), if any. */
export interface FitState {
  fit: ConvergedFit | null;
  failedSince: StoredFit | null;
}

export async function getFitState(scope: TeamScope): Promise<FitState> {
  const fit = await getLatestFit(scope);
  const failed = await scope.db.modelFit.findFirst({
    where: { teamId: scope.teamId, converged: false, ...(fit ? { createdAt: { gt: fit.createdAt } } : {}) },
    orderBy: { createdAt: "desc" },
  });
  return { fit, failedSince: failed ? toStoredFit(failed) : null };
}

/** The latest converged fit, or AppError NOT_FOUND "prediction.noFit" when the workspace has none yet. */
export async function requireLatestFit(scope: TeamScope): Promise<ConvergedFit> {
  const fit = await getLatestFit(scope);
  if (!fit) throw new AppError("NOT_FOUND", "prediction.noFit");
  return fit;
}
