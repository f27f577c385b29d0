import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { insightSearchText, type StoredInsight } from "./log-insight.js";
import { snapshotColumns, snapshotCustomer } from "./snapshot-customer.js";

/**
 * Links a voice logged with a free-text customer to an imported customer: the voice then shows the customer's name
 * and keeps their state as of `now` (the link time, stored in customerLinkedAt). Linking again to the same customer
 * changes nothing (`changed: false`), so a redelivered submission stores and posts nothing twice.
 * Throws AppError NOT_FOUND when the workspace has no such voice or customer.
 */
export async function linkInsightCustomer(
  { db, teamId }: TeamScope,
  opts: { insightId: string; customerId: bigint; now: Date },
): Promise<{ insight: StoredInsight; changed: boolean }> {
  const insight = await db.insight.findFirst({ where: { teamId, id: opts.insightId } });
  if (!insight) throw new AppError("NOT_FOUND", "capture.link.voiceNotFound");
  if (insight.customerId === opts.customerId) return { insight, changed: false };
  const snapshot = await snapshotCustomer({ db, teamId }, { customerId: opts.customerId, now: opts.now });
  if (!snapshot) throw new AppError("NOT_FOUND", "capture.link.customerNotFound");
  // Only an unchanged row is updated: two people linking at once leave one link, and the loser reads it back.
  const { count } = await db.insight.updateMany({
    where: { teamId, id: insight.id, customerId: insight.customerId },
    data: { customer: snapshot.displayName, searchText: insightSearchText({ ...insight, customer: snapshot.displayName }), ...snapshotColumns(snapshot) },
  });
  return { insight: await db.insight.findFirstOrThrow({ where: { teamId, id: insight.id } }), changed: count === 1 };
}
