import { bgNbdExpectedPurchases, bgNbdProbabilityAlive, customerLifetimeValue, gammaGammaExpectedSpend } from "../../domain/clv/index.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { dayOfEpochDay } from "../../domain/time/calendar.js";
import { discountPerUnit } from "./model-units.js";
import { requireLatestFit } from "./get-latest-fit.js";
import { loadCustomerSummaries } from "./load-customer-summaries.js";

export interface PredictCustomerOptions extends TeamScope {
  customerExternalId: string;
  /** Horizon in model units (weeks by default); the fit's default (one year) when absent. */
  horizon?: number;
  /** Annual discount rate; the fit's stored default when absent. */
  discountRate?: number;
}

export interface CustomerPrediction {
  customerId: string;
  name: string | null;
  segment: string | null;
  fitId: string;
  asOf: string;
  unit: string;
  unitDays: number;
  horizon: number;
  discountRate: number;
  frequency: number;
  recency: number;
  T: number;
  pAlive: number;
  expectedPurchases: number;
  expectedAverageSpend: number;
  clv: number;
  /** False when the customer has a single purchase day: P(alive) is 1 by construction and the spend is the population's. */
  enoughData: boolean;
  history: { firstPurchase: string; lastPurchase: string; purchaseDays: number; revenue: number; averageRepeatSpend: number | null };
}

/**
 * One customer's predictions from the latest converged fit, with their history read as of the fit's
 * date (so the numbers are reproducible from the stored fit). Throws AppError NOT_FOUND (no fit,
 * unknown customer) or NOT_ENOUGH_DATA (no purchase on or before the fit's date).
 */
export async function predictCustomer(opts: PredictCustomerOptions): Promise<CustomerPrediction> {
  const { db, teamId, customerExternalId } = opts;
  const fit = await requireLatestFit({ db, teamId });
  const customer = await db.customer.findUnique({ where: { teamId_externalId: { teamId, externalId: customerExternalId } } });
  if (!customer) throw new AppError("NOT_FOUND", "prediction.customerNotFound", { id: customerExternalId });
  const population = await loadCustomerSummaries({ db, teamId, asOf: fit.asOf, unitDays: fit.unitDays, timeZone: fit.timeZone, customerId: customer.id });
  const s = population.summaries;
  if (s.size === 0) throw new AppError("NOT_ENOUGH_DATA", "prediction.customerNoPurchases", { id: customerExternalId, asOf: fit.asOf });

  const horizon = opts.horizon ?? fit.horizon;
  const discountRate = opts.discountRate ?? fit.discountRate;
  const history = { frequency: s.frequency[0] as number, recency: s.recency[0] as number, age: s.age[0] as number };
  const averageRepeatSpend = s.averageRepeatSpend[0] as number;
  const models = { bgNbd: fit.bgNbd, gammaGamma: fit.gammaGamma };
  const first = s.firstPurchaseDay[0] as number;
  return {
    customerId: customer.externalId,
    name: customer.name,
    segment: customer.segment,
    fitId: fit.id,
    asOf: fit.asOf,
    unit: fit.unit,
    unitDays: fit.unitDays,
    horizon,
    discountRate,
    frequency: history.frequency,
    recency: history.recency,
    T: history.age,
    pAlive: bgNbdProbabilityAlive(fit.bgNbd, history),
    expectedPurchases: bgNbdExpectedPurchases(fit.bgNbd, history, horizon),
    expectedAverageSpend: gammaGammaExpectedSpend(fit.gammaGamma, history.frequency, averageRepeatSpend),
    clv: customerLifetimeValue(
      models,
      { ...history, averageRepeatSpend },
      {
        periods: horizon,
        periodLength: 1,
        discountRate: discountPerUnit(discountRate, fit.unitDays),
      },
    ),
    enoughData: history.frequency > 0,
    history: {
      firstPurchase: dayOfEpochDay(first),
      lastPurchase: dayOfEpochDay(population.lastPurchaseDay[0] as number),
      purchaseDays: history.frequency + 1,
      revenue: population.revenue[0] as number,
      averageRepeatSpend: Number.isFinite(averageRepeatSpend) ? averageRepeatSpend : null,
    },
  };
}
