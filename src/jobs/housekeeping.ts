import type { Db } from "../db/client.js";

/** Slack retries an event for at most about an hour; two days of event ids is a wide margin. */
export const PROCESSED_EVENT_TTL_MS = 48 * 3_600_000;

/**
 * Daily clean-up: forgets Slack event ids older than PROCESSED_EVENT_TTL_MS (they only guard against retries and
 * duplicate deliveries, which never come that late). Idempotent; any replica may run it.
 */
export async function runHousekeeping({ db, now }: { db: Db; now: Date }): Promise<{ processedEventsDeleted: number }> {
  const cutoff = new Date(now.getTime() - PROCESSED_EVENT_TTL_MS);
  const { count } = await db.processedEvent.deleteMany({ where: { receivedAt: { lt: cutoff } } });
  return { processedEventsDeleted: count };
}
