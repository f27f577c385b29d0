import { bgNbdExpectedPurchases, bgNbdProbabilityAlive, bgNbdProbabilityOfPurchase, customerLifetimeValue } from "../../domain/clv/index.js";
import { addDays, type Day } from "../../domain/time/calendar.js";
import { getLatestFit } from "../prediction/get-latest-fit.js";
import { loadCustomerSummaries } from "../prediction/load-customer-summaries.js";
import { discountPerUnit } from "../prediction/model-units.js";
import type { TeamScope } from "../types.js";

/** What the latest fit expected for a customer at contact time, for the win-back window. */
export interface ReturnExpectation {
  fitId: string;
  pAlive: number;
  /** Expected purchases within the window. */
  expectedPurchases: number;
  /** P(at least one purchase within the window): the uplift's baseline. */
  pReturn: number;
  /** Expected CLV over the fit's default horizon. */
  expectedClv: number;
}

/**
 * The latest converged fit's expectation for one customer (Customer.id) contacted on `contactDay`: their history is
 * read up to the day before (the day itself is the window's first day), and the window is `windowDays` long. Null
 * when there is no fit or the customer bought nothing before that day (the model cannot say).
 */
export async function expectReturn({ db, teamId }: TeamScope, opts: { customerId: bigint; contactDay: Day; windowDays: number }): Promise<ReturnExpectation | null> {
  const fit = await getLatestFit({ db, teamId });
  if (!fit) return null;
  const population = await loadCustomerSummaries({ db, teamId, asOf: addDays(opts.contactDay, -1), unitDays: fit.unitDays, timeZone: fit.timeZone, customerId: opts.customerId });
  const s = population.summaries;
  if (s.size === 0) return null;
  const history = { frequency: s.frequency[0] as number, recency: s.recency[0] as number, age: s.age[0] as number };
  const window = opts.windowDays / fit.unitDays;
  const averageRepeatSpend = s.averageRepeatSpend[0] as number;
  const clv = customerLifetimeValue(
    { bgNbd: fit.bgNbd, gammaGamma: fit.gammaGamma },
    { ...history, averageRepeatSpend },
    { periods: fit.horizon, periodLength: 1, discountRate: discountPerUnit(fit.discountRate, fit.unitDays) },
  );
  return {
    fitId: fit.id,
    pAlive: bgNbdProbabilityAlive(fit.bgNbd, history),
    expectedPurchases: bgNbdExpectedPurchases(fit.bgNbd, history, window),
    pReturn: bgNbdProbabilityOfPurchase(fit.bgNbd, history, window),
    expectedClv: clv,
  };
}
