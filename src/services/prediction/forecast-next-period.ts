import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { addDays } from "../../domain/time/calendar.js";
import { getFitState } from "./get-latest-fit.js";
import { inSegment, scorePopulation } from "./score-population.js";
import type { ConvergedFit, StoredFit } from "./stored-fit.js";

export interface NextPeriodForecast {
  fit: ConvergedFit;
  failedSince: StoredFit | null;
  segment: string | null;
  /** The model unit after the fit's date: from + unitDays − 1 = to, inclusive. */
  from: string;
  to: string;
  customers: number;
  expectedPurchases: number;
  expectedRevenue: number;
}

/**
 * Expected repeat purchases and revenue of the existing customers in the model unit right after the
 * latest fit's date: Σ E[Y(1) | history] and Σ E[Y(1) | history] · E[M | history]. New customers' first
 * purchases are not in it. Throws AppError NOT_FOUND "prediction.noFit" when there is no fit.
 */
export async function forecastNextPeriod(opts: TeamScope & { segment?: string }): Promise<NextPeriodForecast> {
  const { db, teamId } = opts;
  const { fit, failedSince } = await getFitState({ db, teamId });
  if (!fit) throw new AppError("NOT_FOUND", "prediction.noFit");
  const { population, scores } = await scorePopulation({ db, fit });
  const keep = inSegment(population, opts.segment);
  let customers = 0;
  let purchases = 0;
  let revenue = 0;
  for (let i = 0; i < population.summaries.size; i += 1) {
    if (!keep(i)) continue;
    customers += 1;
    purchases += scores.expectedPurchases[i] as number;
    revenue += scores.lifetimeValue[i] as number;
  }
  return {
    fit,
    failedSince,
    segment: opts.segment ?? null,
    from: addDays(fit.asOf, 1),
    to: addDays(fit.asOf, fit.unitDays),
    customers,
    expectedPurchases: purchases,
    expectedRevenue: revenue,
  };
}
