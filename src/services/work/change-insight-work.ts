import { writeTransaction } from "../../db/write-transaction.js";
import { diffInsightWork, type ChangeSource, type FieldChange, type InsightWorkChange } from "../../domain/work/insight-work.js";
import { AppError } from "../../errors/app-error.js";
import type { StoredInsight } from "../capture/log-insight.js";
import type { TeamScope } from "../types.js";

export interface ChangeInsightWorkInput {
  insightId: string;
  change: InsightWorkChange;
  /** The Slack user who changed it; null for an API token. */
  actorId: string | null;
  source: ChangeSource;
  /**
   * Names the request (a Slack action's action_ts, a modal's view id, an API Idempotency-Key): the same key
   * twice changes nothing the second time, so a retried request neither doubles history nor posts twice.
   */
  changeKey: string;
}

export interface ChangeInsightWorkResult {
  insight: StoredInsight;
  /** What this call changed: empty when nothing differed or the request was a retry. */
  changes: FieldChange[];
}

const DB_FIELD = { status: "status", owner: "ownerId", link: "link", resolution: "resolution" } as const;

/**
 * Sets an insight's follow-up (status, owner, link, resolution) and keeps one history row per changed field, in
 * one transaction under the insight's row lock: two changes at once apply one after the other, and the second
 * is compared with what the first left. Setting values the insight already has stores nothing.
 *
 * Throws AppError NOT_FOUND when the workspace has no such insight (or its post was deleted).
 */
export async function changeInsightWork(scope: TeamScope, input: ChangeInsightWorkInput): Promise<ChangeInsightWorkResult> {
  const { db, teamId } = scope;
  return writeTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Insight"
      WHERE "teamId" = ${teamId} AND id = ${input.insightId}::uuid AND "hiddenAt" IS NULL
      FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", "work.error.notFound");
    const current = await tx.insight.findUniqueOrThrow({ where: { id: input.insightId } });
    const seen = await tx.insightChange.count({ where: { teamId, changeKey: input.changeKey } });
    if (seen > 0) return { insight: current, changes: [] };
    const changes = diffInsightWork(current, input.change);
    if (changes.length === 0) return { insight: current, changes };
    await tx.insightChange.createMany({
      data: changes.map((c) => ({
        teamId,
        insightId: input.insightId,
        changeKey: input.changeKey,
        field: c.field,
        fromValue: c.from,
        toValue: c.to,
        actorId: input.actorId,
        source: input.source,
      })),
    });
    const insight = await tx.insight.update({
      where: { id: input.insightId },
      data: Object.fromEntries(changes.map((c) => [DB_FIELD[c.field], c.field === "status" ? (c.to ?? "new") : c.to])),
    });
    return { insight, changes };
  });
}
