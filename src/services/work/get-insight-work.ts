import type { InsightWork } from "../../domain/work/insight-work.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

/** An insight's follow-up as stored now. Throws AppError NOT_FOUND for an unknown or hidden insight. */
export async function getInsightWork(scope: TeamScope, insightId: string): Promise<InsightWork> {
  const row = await scope.db.insight.findFirst({
    where: { teamId: scope.teamId, id: insightId, hiddenAt: null },
    select: { status: true, ownerId: true, link: true, resolution: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "work.error.notFound");
  return row;
}
