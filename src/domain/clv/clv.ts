import type { BgNbdParams } from "./bgnbd-likelihood.js";
import { bgNbdProbabilityAlive, expectedPurchasesIfAlive, type CustomerHistory } from "./bgnbd-predict.js";
import { ClvError } from "./errors.js";
import { gammaGammaExpectedSpend, type GammaGammaParams } from "./gamma-gamma.js";

/**
 * How CLV is discounted. We follow the discrete approach of the `lifetimes` library rather than
 * the continuous-time DERT of Fader, Hardie & Lee's "RFM and CLV" note: the horizon is cut into
 * `periods` periods of `periodLength` model time units; the purchases expected in period k,
 * E[Y(k·L)] − E[Y((k−1)·L)], are valued at E[M] and discounted by (1 + discountRate)^k (cash
 * at the end of the period). It is what finance teams expect ("12 months at 1% a month"), works
 * for any horizon, and reduces to margin · E[M] · E[Y(horizon)] when discountRate = 0.
 */
export interface LifetimeValueOptions {
  /** Number of discounting periods in the horizon (e.g. 12 months). */
  readonly periods: number;
  /** Length of one period in model time units (e.g. 52/12 weeks for a month when the unit is a week). */
  readonly periodLength: number;
  /** Discount rate per period (e.g. 0.01 for 1% a month); 0 for no discounting. */
  readonly discountRate: number;
  /** Fraction of spend that is profit; 1 (revenue CLV) by default. */
  readonly margin?: number;
}

export interface FittedClvModels {
  readonly bgNbd: BgNbdParams;
  readonly gammaGamma: GammaGammaParams;
}

function checkOptions({ periods, periodLength, discountRate, margin = 1 }: LifetimeValueOptions): void {
  if (!Number.isInteger(periods) || periods < 1 || !(periodLength > 0) || !(discountRate > -1) || !Number.isFinite(margin)) {
    throw new ClvError("INVALID_INPUT", "need integer periods ≥ 1, periodLength > 0, discountRate > −1, finite margin", {
      periods,
      periodLength,
      discountRate,
      margin,
    });
  }
}

/** Σ_k (F(kL) − F((k−1)L)) / (1+d)^k for F = E[Y | alive]; the P(alive) factor is applied by callers. */
function discountedPurchasesIfAlive(params: BgNbdParams, frequency: number, age: number, options: LifetimeValueOptions): number {
  let previous = 0;
  let total = 0;
  let discount = 1;
  for (let k = 1; k <= options.periods; k += 1) {
    const cumulative = expectedPurchasesIfAlive(params, frequency, age, k * options.periodLength);
    discount /= 1 + options.discountRate;
    total += (cumulative - previous) * discount;
    previous = cumulative;
  }
  return total;
}

/**
 * Predicted (discounted) value of one customer over the horizon: margin · E[M | x, m̄] ·
 * discounted E[Y]. `averageRepeatSpend` is ignored when x = 0 (the population mean is used).
 * Throws ClvError INVALID_INPUT for bad options/history or when E[M] does not exist.
 */
export function customerLifetimeValue(models: FittedClvModels, customer: CustomerHistory & { readonly averageRepeatSpend: number }, options: LifetimeValueOptions): number {
  checkOptions(options);
  const pAlive = bgNbdProbabilityAlive(models.bgNbd, customer);
  const spend = gammaGammaExpectedSpend(models.gammaGamma, customer.frequency, customer.averageRepeatSpend);
  const purchases = discountedPurchasesIfAlive(models.bgNbd, customer.frequency, customer.age, options);
  return (options.margin ?? 1) * spend * pAlive * purchases;
}

/** Column inputs for bulk scoring; `CustomerSummaries` satisfies it. */
export interface ScoringInput {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly age: ArrayLike<number>;
  readonly averageRepeatSpend: ArrayLike<number>;
}

export interface CustomerScores {
  readonly probabilityAlive: Float64Array;
  /** Undiscounted E[Y] over the whole horizon (periods · periodLength). */
  readonly expectedPurchases: Float64Array;
  readonly expectedSpend: Float64Array;
  readonly lifetimeValue: Float64Array;
}

/**
 * Scores every customer in one pass (P(alive), expected purchases over the horizon, E[M], CLV).
 * Use after fitting, e.g. for the weekly at-risk list. Same throws as `customerLifetimeValue`.
 */
export function scoreCustomers(models: FittedClvModels, input: ScoringInput, options: LifetimeValueOptions): CustomerScores {
  checkOptions(options);
  const n = input.frequency.length;
  const probabilityAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const lifetimeValue = new Float64Array(n);
  const margin = options.margin ?? 1;
  const horizon = options.periods * options.periodLength;
  for (let i = 0; i < n; i += 1) {
    const history = {
      frequency: input.frequency[i] as number,
      recency: input.recency[i] as number,
      age: input.age[i] as number,
    };
    const pAlive = bgNbdProbabilityAlive(models.bgNbd, history);
    const spend = gammaGammaExpectedSpend(models.gammaGamma, history.frequency, input.averageRepeatSpend[i] as number);
    probabilityAlive[i] = pAlive;
    expectedSpend[i] = spend;
    expectedPurchases[i] = pAlive * expectedPurchasesIfAlive(models.bgNbd, history.frequency, history.age, horizon);
    lifetimeValue[i] = margin * spend * pAlive * discountedPurchasesIfAlive(models.bgNbd, history.frequency, history.age, options);
  }
  return { probabilityAlive, expectedPurchases, expectedSpend, lifetimeValue };
}
