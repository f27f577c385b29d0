import type { Db } from "../../db/client.js";
import type { AlertFacts, AlertKind, AlertOptions } from "../../domain/alerts/alert-kinds.js";
import { postableAt } from "../../domain/alerts/quiet-hours.js";
import type { AlertSubscription } from "../../generated/prisma/client.js";
import { clearAlerts, fireAlerts } from "./alert-ledger.js";

/** A condition that is true now for one subscription. */
export interface TrueCondition {
  key: string;
  facts: AlertFacts;
  /** Where it goes when not the subscription's channel (a voice alert to the owning team's channel). */
  channelId?: string;
}

/** A workspace's subscriptions of one kind. */
export function subscriptionsOf(db: Db, teamId: string, kind: AlertKind): Promise<AlertSubscription[]> {
  return db.alertSubscription.findMany({ where: { teamId, kind } });
}

export const optionsOf = (sub: AlertSubscription) => (sub.options ?? {}) as AlertOptions;

/** Which open conditions a judgement covers: every key under `prefix`, or only the keys `among` (the customers judged). */
export type JudgedKeys = string | { prefix: string; among: readonly string[] };

/**
 * Records what is true for `sub`: new conditions fire (held until quiet hours end), open conditions stay open (not
 * repeated), and, when `judged` is given, open conditions it covers that are no longer true are cleared. Returns how
 * many fired.
 */
export async function recordConditions(db: Db, sub: AlertSubscription, conditions: readonly TrueCondition[], now: Date, judged?: JudgedKeys): Promise<number> {
  const quiet = sub.quietStart && sub.quietEnd ? { start: sub.quietStart, end: sub.quietEnd, timeZone: sub.timeZone } : null;
  const dueAt = postableAt(now, quiet);
  const fired = await fireAlerts(
    db,
    conditions.map((c) => ({ subscriptionId: sub.id, teamId: sub.teamId, conditionKey: c.key, facts: c.facts, dueAt, channelId: c.channelId ?? null })),
    now,
  );
  if (judged !== undefined) {
    const scope = typeof judged === "string" ? { prefix: judged } : judged;
    await clearAlerts(db, { subscriptionId: sub.id, ...scope, stillTrue: conditions.map((c) => c.key), now });
  }
  return fired.length;
}
