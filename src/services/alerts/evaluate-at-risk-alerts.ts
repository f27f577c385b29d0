import { customerStanding } from "../../domain/alerts/alert-kinds.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf, type TrueCondition } from "./alert-conditions.js";
import { scoreAlertCustomers } from "./score-alert-customers.js";

/**
 * After an ingestion batch or a refit: every valuable customer whose P(alive) is below the subscription's threshold is
 * a condition (`at-risk|<external id>`); one that fired before and is still at risk is not repeated; one no longer
 * at risk (bought again, or fell below the value threshold) is cleared and may fire again later. Returns how many fired.
 */
export async function evaluateAtRiskAlerts(opts: TeamScope & { now: Date }): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "at_risk");
  if (!subs.length) return 0;
  const scores = await scoreAlertCustomers({ ...opts, withClv: subs.some((s) => optionsOf(s).clvAbove !== undefined) });
  if (!scores) return 0;
  let fired = 0;
  for (const sub of subs) {
    const options = optionsOf(sub);
    const conditions: TrueCondition[] = [];
    for (let i = 0; i < scores.size; i += 1) {
      const customer = scores.facts(i);
      const { valuable, atRisk } = customerStanding(customer, options);
      if (valuable && atRisk) conditions.push({ key: `at-risk|${customer.externalId}`, facts: { kind: "at-risk", customer } });
    }
    fired += await recordConditions(opts.db, sub, conditions, opts.now, "at-risk|");
  }
  return fired;
}
