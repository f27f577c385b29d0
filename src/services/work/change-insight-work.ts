import { writeTransaction } from "../../db/write-transaction.js";
import { type ChangeSource, diffInsightWork, type FieldChange, type InsightWorkChange } from "../../domain/work/insight-work.js";
import { isClosedInsightStatus } from "../../domain/work/theme-work.js";
import { AppError } from "../../errors/app-error.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { StoredInsight } from "../capture/log-insight.js";
import type { TeamScope } from "../types.js";
import { queueLoopClosures } from "./queue-loop-closures.js";

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

/** The closedAt a status change leaves: set on reaching done or won't do, kept between the two, cleared on reopening. */
function closedAtAfter(current: StoredInsight, changes: FieldChange[], now: Date): Date | null | undefined {
  const status = changes.find((c) => c.field === "status");
  if (!status) return undefined;
  if (!isClosedInsightStatus(status.to ?? "")) return null;
  return isClosedInsightStatus(current.status) && current.closedAt ? current.closedAt : now;
}

/**
 * Applies a change to one insight inside the caller's transaction (which must hold the insight's row lock):
 * one history row per changed field, the new values, and closedAt. Returns what changed (nothing when the key was
 * seen before or nothing differed). For changeInsightWork and for a theme's change, whose insights follow it.
 */
export async function applyInsightWorkChange(
  tx: Prisma.TransactionClient,
  teamId: string,
  current: StoredInsight,
  input: ChangeInsightWorkInput,
): Promise<ChangeInsightWorkResult> {
  const seen = await tx.insightChange.count({ where: { teamId, changeKey: input.changeKey } });
  if (seen > 0) return { insight: current, changes: [] };
  const changes = diffInsightWork(current, input.change);
  if (changes.length === 0) return { insight: current, changes };
  const now = new Date();
  await tx.insightChange.createMany({
    data: changes.map((c) => ({
      teamId,
      insightId: current.id,
      changeKey: input.changeKey,
      field: c.field,
      fromValue: c.from,
      toValue: c.to,
      actorId: input.actorId,
      source: input.source,
      createdAt: now,
    })),
  });
  const closedAt = closedAtAfter(current, changes, now);
  const insight = await tx.insight.update({
    where: { id: current.id },
    data: {
      ...Object.fromEntries(changes.map((c) => [DB_FIELD[c.field], c.field === "status" ? (c.to ?? "new") : c.to])),
      ...(closedAt === undefined ? {} : { closedAt }),
    },
  });
  return { insight, changes };
}

/** True when `changes` move an insight to done: the moment its loggers hear back. */
export const becameDone = (changes: FieldChange[]): boolean => changes.some((c) => c.field === "status" && c.to === "done");

/**
 * Sets an insight's follow-up (status, owner, link, resolution) and keeps one history row per changed field, in
 * one transaction under the insight's row lock: two changes at once apply one after the other, and the second
 * is compared with what the first left. Setting values the insight already has stores nothing. When the insight
 * becomes done, the close-the-loop DMs it owes are queued in the same transaction (deliverLoopClosures sends them).
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
    const result = await applyInsightWorkChange(tx, teamId, current, input);
    if (becameDone(result.changes)) {
      await queueLoopClosures(tx, teamId, {
        resolutionKey: `insight:${current.id}:${input.changeKey}`,
        insights: [result.insight],
        themeName: null,
        resolution: result.insight.resolution,
      });
    }
    return result;
  });
}
