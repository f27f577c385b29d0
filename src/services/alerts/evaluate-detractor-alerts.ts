import { customerStanding } from "../../domain/alerts/alert-kinds.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf } from "./alert-conditions.js";
import { customerFacts } from "./evaluate-voice-alert.js";

/** Responses older than this when ingested are history, not news: they do not alert. */
const RECENT_MS = 7 * 86_400_000;

/**
 * After survey responses are ingested: each detractor response (NPS 0-6, CSAT 1-2) of the last week from a known
 * customer who is valuable or at risk fires once (`detractor|<response id>`). Returns how many fired.
 */
export async function evaluateDetractorAlerts(opts: TeamScope & { now: Date }): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "detractor");
  if (!subs.length) return 0;
  const responses = await opts.db.surveyResponse.findMany({
    where: {
      teamId: opts.teamId,
      customerId: { not: null },
      at: { gte: new Date(opts.now.getTime() - RECENT_MS), lte: opts.now },
      OR: [
        { kind: "nps", score: { lte: 6 } },
        { kind: "csat", score: { lte: 2 } },
      ],
    },
    include: { customer: { select: { id: true, externalId: true, name: true, segment: true } } },
    orderBy: { at: "asc" },
    take: 1000,
  });
  let fired = 0;
  const withClv = subs.some((s) => optionsOf(s).clvAbove !== undefined);
  for (const r of responses) {
    if (!r.customer) continue;
    const customer = await customerFacts({ ...opts, withClv }, r.customer);
    for (const sub of subs) {
      const { valuable, atRisk } = customerStanding(customer, optionsOf(sub));
      if (!valuable && !atRisk) continue;
      fired += await recordConditions(
        opts.db,
        sub,
        [
          {
            key: `detractor|${r.id}`,
            facts: { kind: "detractor", customer, survey: r.kind === "csat" ? "csat" : "nps", score: r.score, comment: r.comment, at: r.at.toISOString() },
          },
        ],
        opts.now,
      );
    }
  }
  return fired;
}
