// The alert evaluation that ran after an ingestion batch before #17's speed work (main 9a87147), kept as the
// baseline of bench/alerts.ts: every customer scored for the at-risk kind, and for the detractor kind the whole
// population scored again for each response (the scoring cache spared the summaries, not the CLV or the index).
import { customerStanding, type CustomerFacts } from "../src/domain/alerts/alert-kinds.js";
import { scoreCustomers } from "../src/domain/clv/index.js";
import { DateTime } from "luxon";
import { laterDay } from "../src/domain/time/calendar.js";
import type { Db } from "../src/db/client.js";
import { optionsOf, recordConditions, subscriptionsOf, type TrueCondition } from "../src/services/alerts/alert-conditions.js";
import { getLatestFit } from "../src/services/prediction/get-latest-fit.js";
import { discountPerUnit } from "../src/services/prediction/model-units.js";
import { scorePopulation } from "../src/services/prediction/score-population.js";

type Scope = { db: Db; teamId: string; now: Date };

async function scoreEveryone(opts: Scope & { withClv: boolean }) {
  const fit = await getLatestFit(opts);
  if (!fit) return null;
  const today = DateTime.fromJSDate(opts.now, { zone: fit.timeZone }).toISODate() ?? fit.asOf;
  const asOf = laterDay(today, fit.asOf);
  const { population, scores } = await scorePopulation({ db: opts.db, fit, asOf });
  const clv = opts.withClv
    ? scoreCustomers({ bgNbd: fit.bgNbd, gammaGamma: fit.gammaGamma }, population.summaries, {
        periods: fit.horizon,
        periodLength: 1,
        discountRate: discountPerUnit(fit.discountRate, fit.unitDays),
      }).lifetimeValue
    : null;
  const index = new Map(population.customerIds.map((id, i) => [id, i]));
  return {
    size: population.summaries.size,
    indexOf: (customerId: bigint) => index.get(customerId),
    facts: (i: number): CustomerFacts => ({
      externalId: population.externalIds[i]!,
      name: population.names[i] ?? null,
      segment: population.segments[i] ?? null,
      revenue: population.revenue[i] as number,
      pAlive: scores.probabilityAlive[i] as number,
      expectedClv: clv ? (clv[i] as number) : null,
    }),
  };
}

export async function previousAtRiskAlerts(opts: Scope): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "at_risk");
  if (!subs.length) return 0;
  const scores = await scoreEveryone({ ...opts, withClv: subs.some((s) => optionsOf(s).clvAbove !== undefined) });
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

/** `take`: how many responses to judge (the previous code took up to 1,000; at 100,000 customers each costs seconds). */
export async function previousDetractorAlerts(opts: Scope & { take: number }): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "detractor");
  if (!subs.length) return 0;
  const responses = await opts.db.surveyResponse.findMany({
    where: {
      teamId: opts.teamId,
      customerId: { not: null },
      at: { gte: new Date(opts.now.getTime() - 7 * 86_400_000), lte: opts.now },
      OR: [
        { kind: "nps", score: { lte: 6 } },
        { kind: "csat", score: { lte: 2 } },
      ],
    },
    include: { customer: { select: { id: true, externalId: true, name: true, segment: true } } },
    orderBy: { at: "asc" },
    take: opts.take,
  });
  let fired = 0;
  const withClv = subs.some((s) => optionsOf(s).clvAbove !== undefined);
  for (const r of responses) {
    if (!r.customer) continue;
    const scores = await scoreEveryone({ ...opts, withClv }).catch(() => null);
    const i = scores?.indexOf(r.customer.id);
    const kpi = i === undefined ? await opts.db.kpiCustomer.findUnique({ where: { customerId: r.customer.id }, select: { revenue: true } }) : null;
    const customer: CustomerFacts =
      scores && i !== undefined
        ? scores.facts(i)
        : { externalId: r.customer.externalId, name: r.customer.name, segment: r.customer.segment, revenue: Number(kpi?.revenue ?? 0), pAlive: null, expectedClv: null };
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
