import { customerStanding } from "../../domain/alerts/alert-kinds.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf, type TrueCondition } from "./alert-conditions.js";
import { customerFactsOf } from "./score-alert-customers.js";

/** Responses older than this when ingested are history, not news: they do not alert. */
const RECENT_MS = 7 * 86_400_000;
/** Responses judged per evaluation: a batch holds at most 10,000 records, of which the detractors are read. */
const MAX_RESPONSES = 10_000;

/**
 * After survey responses are ingested: each detractor response (NPS 0-6, CSAT 1-2) of the last week from a known
 * customer who is valuable or at risk fires once (`detractor|<response id>`). Only the responses of the batch's
 * `customers` (external ids) when given; their customers are scored together, once. Returns how many fired.
 */
export async function evaluateDetractorAlerts(opts: TeamScope & { now: Date; customers?: readonly string[] | undefined }): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "detractor");
  if (!subs.length) return 0;
  const responses = await opts.db.surveyResponse.findMany({
    where: {
      teamId: opts.teamId,
      customerId: { not: null },
      ...(opts.customers ? { customer: { externalId: { in: [...opts.customers] } } } : {}),
      at: { gte: new Date(opts.now.getTime() - RECENT_MS), lte: opts.now },
      OR: [
        { kind: "nps", score: { lte: 6 } },
        { kind: "csat", score: { lte: 2 } },
      ],
    },
    include: { customer: { select: { id: true, externalId: true, name: true, segment: true } } },
    orderBy: { at: "desc" },
    take: MAX_RESPONSES,
  });
  const withClv = subs.some((s) => optionsOf(s).clvAbove !== undefined);
  const facts = await customerFactsOf(
    { ...opts, withClv },
    responses.flatMap((r) => (r.customer ? [r.customer] : [])),
  );
  let fired = 0;
  for (const sub of subs) {
    const conditions: TrueCondition[] = [];
    for (const r of responses) {
      const customer = r.customer && facts.get(r.customer.id);
      if (!customer) continue;
      const { valuable, atRisk } = customerStanding(customer, optionsOf(sub));
      if (!valuable && !atRisk) continue;
      conditions.push({
        key: `detractor|${r.id}`,
        facts: { kind: "detractor", customer, survey: r.kind === "csat" ? "csat" : "nps", score: r.score, comment: r.comment, at: r.at.toISOString() },
      });
    }
    // Oldest first, as they were answered.
    fired += await recordConditions(opts.db, sub, conditions.reverse(), opts.now);
  }
  return fired;
}
