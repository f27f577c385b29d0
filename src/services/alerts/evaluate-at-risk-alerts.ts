import { customerStanding, DEFAULT_ALERT_OPTIONS } from "../../domain/alerts/alert-kinds.js";
import type { AlertSubscription } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf, type TrueCondition } from "./alert-conditions.js";
import { clearAlerts } from "./alert-ledger.js";
import { scoreAlertCustomers } from "./score-alert-customers.js";

/**
 * Customers scored between two database round trips. Scoring and building conditions run on the thread that answers
 * Slack; a chunk of 5,000 takes tens of milliseconds there, so a refit's pass over a million customers never holds an
 * ack for long (bench/alerts.ts prints the event-loop delay).
 */
const CHUNK = 5_000;

const keyOf = (externalId: string) => `at-risk|${externalId}`;

/** Each subscription's true conditions among the given customers; null without a converged fit. */
async function judge(
  opts: TeamScope & { now: Date },
  subs: readonly AlertSubscription[],
  customers: { customerIds: readonly bigint[] } | { externalIds: readonly string[] },
): Promise<Map<string, TrueCondition[]> | null> {
  const scores = await scoreAlertCustomers({ ...opts, ...customers, withClv: subs.some((s) => optionsOf(s).clvAbove !== undefined) });
  if (!scores) return null;
  const out = new Map<string, TrueCondition[]>(subs.map((s) => [s.id, []]));
  // Only a customer at risk for some subscription can fire: the others' expected CLV is never computed.
  const below = Math.max(...subs.map((s) => optionsOf(s).pAliveBelow ?? DEFAULT_ALERT_OPTIONS.pAliveBelow));
  for (let i = 0; i < scores.size; i += 1) {
    if (!(scores.pAlive(i) < below)) continue;
    const customer = scores.facts(i);
    for (const sub of subs) {
      const { valuable, atRisk } = customerStanding(customer, optionsOf(sub));
      if (valuable && atRisk) out.get(sub.id)!.push({ key: keyOf(customer.externalId), facts: { kind: "at-risk", customer } });
    }
  }
  return out;
}

/**
 * Valuable customers at risk (`at-risk|<external id>`): P(alive) below the subscription's threshold while revenue to
 * date or expected CLV is above its threshold. After an ingestion batch only the batch's `customers` (external ids)
 * are judged: their conditions fire, or clear when no longer true; after a refit (no `customers`) everyone is, in
 * chunks, and any open condition no longer true is cleared. One that fired before and is still true is not repeated.
 * Returns how many fired.
 */
export async function evaluateAtRiskAlerts(opts: TeamScope & { now: Date; customers?: readonly string[] | undefined }): Promise<number> {
  const { db, teamId, now } = opts;
  const subs = await subscriptionsOf(db, teamId, "at_risk");
  if (!subs.length) return 0;
  let fired = 0;
  if (opts.customers) {
    for (let start = 0; start < opts.customers.length; start += CHUNK) {
      // Read by external id in the same statement as their purchases (a customer the workspace does not know is absent).
      const batch = opts.customers.slice(start, start + CHUNK);
      const judged = await judge(opts, subs, { externalIds: batch });
      if (!judged) return fired;
      const among = batch.map(keyOf);
      for (const sub of subs) fired += await recordConditions(db, sub, judged.get(sub.id)!, now, { prefix: "at-risk|", among });
    }
    return fired;
  }
  const stillTrue = new Map<string, string[]>(subs.map((s) => [s.id, []]));
  for (let after = -1n; ; ) {
    const chunk = await db.customer.findMany({ where: { teamId, id: { gt: after } }, orderBy: { id: "asc" }, take: CHUNK, select: { id: true } });
    if (!chunk.length) break;
    after = chunk[chunk.length - 1]!.id;
    const judged = await judge(opts, subs, { customerIds: chunk.map((c) => c.id) });
    if (!judged) return fired;
    for (const sub of subs) {
      const conditions = judged.get(sub.id)!;
      fired += await recordConditions(db, sub, conditions, now);
      stillTrue.get(sub.id)!.push(...conditions.map((c) => c.key));
    }
  }
  for (const sub of subs) await clearAlerts(db, { subscriptionId: sub.id, prefix: "at-risk|", stillTrue: stillTrue.get(sub.id)!, now });
  return fired;
}
