import { DateTime } from "luxon";
import { bgNbdProbabilityAlive, customerLifetimeValue } from "../../domain/clv/index.js";
import type { CustomerFacts } from "../../domain/alerts/alert-kinds.js";
import { laterDay } from "../../domain/time/calendar.js";
import { getLatestFit } from "../prediction/get-latest-fit.js";
import { loadCustomerSummaries } from "../prediction/load-customer-summaries.js";
import { discountPerUnit } from "../prediction/model-units.js";
import type { TeamScope } from "../types.js";

/** Alert facts of the customers asked for who bought by today: revenue to date, P(alive) today, expected CLV when asked. */
export interface AlertCustomerScores {
  size: number;
  /** P(alive) of customer i (cheap: read it first, and ask for `facts` only of the customers that matter). */
  pAlive(i: number): number;
  /** Everything an alert shows of customer i; expected CLV (when asked) is computed here, customer by customer. */
  facts(i: number): CustomerFacts;
  indexOf(customerId: bigint): number | undefined;
}

/**
 * Scores the given customers (Customer.id, or external ids: a chunk of everyone or a batch's customers, so the work on this thread
 * stays proportional to what changed) with the latest converged fit as of today in the fit's time zone (so purchases
 * that arrived since the fit and time that passed without one both count). P(alive) for all of them (closed form);
 * expected CLV over the fit's stored horizon (one BG/NBD expectation per model unit of it: the costly part), its
 * annual discount rate converted to the model's unit as `/kpi customer` does, only when `withClv` and only for the
 * customers whose facts are read. Null without a converged fit.
 */
export async function scoreAlertCustomers(
  opts: TeamScope & { now: Date; withClv: boolean } & ({ customerIds: readonly bigint[] } | { externalIds: readonly string[] }),
): Promise<AlertCustomerScores | null> {
  const fit = await getLatestFit(opts);
  if (!fit) return null;
  const today = DateTime.fromJSDate(opts.now, { zone: fit.timeZone }).toISODate() ?? fit.asOf;
  const asOf = laterDay(today, fit.asOf);
  const population = await loadCustomerSummaries({
    db: opts.db,
    teamId: opts.teamId,
    asOf,
    unitDays: fit.unitDays,
    timeZone: fit.timeZone,
    ...("customerIds" in opts ? { customerIds: opts.customerIds } : { externalIds: opts.externalIds }),
  });
  const { summaries: s } = population;
  const models = { bgNbd: fit.bgNbd, gammaGamma: fit.gammaGamma };
  const history = (i: number) => ({ frequency: s.frequency[i] as number, recency: s.recency[i] as number, age: s.age[i] as number });
  const pAlive = Float64Array.from({ length: s.size }, (_, i) => bgNbdProbabilityAlive(fit.bgNbd, history(i)));
  const clvOptions = { periods: fit.horizon, periodLength: 1, discountRate: discountPerUnit(fit.discountRate, fit.unitDays) };
  const index = new Map(population.customerIds.map((id, i) => [id, i]));
  return {
    size: s.size,
    pAlive: (i) => pAlive[i] as number,
    indexOf: (customerId) => index.get(customerId),
    facts: (i) => ({
      externalId: population.externalIds[i]!,
      name: population.names[i] ?? null,
      segment: population.segments[i] ?? null,
      revenue: population.revenue[i] as number,
      pAlive: pAlive[i] as number,
      expectedClv: opts.withClv ? customerLifetimeValue(models, { ...history(i), averageRepeatSpend: s.averageRepeatSpend[i] as number }, clvOptions) : null,
    }),
  };
}

/** A customer as the database names them. */
export interface KnownCustomer {
  id: bigint;
  externalId: string;
  name: string | null;
  segment: string | null;
}

/**
 * Alert facts of a few known customers (a voice's, a batch's survey respondents), scored together: revenue to date and
 * the model's view of each; without a fit (or a purchase by today) revenue from the KPI rollup and P(alive) null.
 */
export async function customerFactsOf(opts: TeamScope & { now: Date; withClv: boolean }, customers: readonly KnownCustomer[]): Promise<Map<bigint, CustomerFacts>> {
  const ids = [...new Set(customers.map((c) => c.id))];
  const scores = await scoreAlertCustomers({ ...opts, customerIds: ids }).catch(() => null);
  const unscored = ids.filter((id) => scores?.indexOf(id) === undefined);
  const rollups = unscored.length
    ? await opts.db.$queryRaw<{ customerId: bigint; revenue: string }[]>`
        select "customerId", revenue::text from "KpiCustomer" where "teamId" = ${opts.teamId} and "customerId" = any(${unscored.map(String)}::bigint[])`
    : [];
  const revenue = new Map(rollups.map((k) => [BigInt(k.customerId), Number(k.revenue)]));
  const out = new Map<bigint, CustomerFacts>();
  for (const c of customers) {
    const i = scores?.indexOf(c.id);
    out.set(
      c.id,
      scores && i !== undefined
        ? scores.facts(i)
        : { externalId: c.externalId, name: c.name, segment: c.segment, revenue: revenue.get(c.id) ?? 0, pAlive: null, expectedClv: null },
    );
  }
  return out;
}
