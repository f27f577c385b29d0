import { DateTime } from "luxon";
import { scoreCustomers } from "../../domain/clv/index.js";
import type { CustomerFacts } from "../../domain/alerts/alert-kinds.js";
import { laterDay } from "../../domain/time/calendar.js";
import { getLatestFit } from "../prediction/get-latest-fit.js";
import { discountPerUnit } from "../prediction/model-units.js";
import { scorePopulation } from "../prediction/score-population.js";
import type { TeamScope } from "../types.js";

/** Everyone's alert facts by customer id: revenue to date, P(alive) today and (when asked) expected CLV. */
export interface AlertCustomerScores {
  size: number;
  facts(i: number): CustomerFacts;
  indexOf(customerId: bigint): number | undefined;
}

/**
 * Scores every customer with the latest converged fit as of today in the fit's time zone (so purchases that arrived
 * since the fit and time that passed without one both count). Expected CLV over the fit's stored horizon, its annual
 * discount rate converted to the model's unit as `/kpi customer` does, only when `withClv`. Null without a converged fit.
 */
export async function scoreAlertCustomers(opts: TeamScope & { now: Date; withClv: boolean }): Promise<AlertCustomerScores | null> {
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
    indexOf: (customerId) => index.get(customerId),
    facts: (i) => ({
      externalId: population.externalIds[i]!,
      name: population.names[i] ?? null,
      segment: population.segments[i] ?? null,
      revenue: population.revenue[i] as number,
      pAlive: scores.probabilityAlive[i] as number,
      expectedClv: clv ? (clv[i] as number) : null,
    }),
  };
}
