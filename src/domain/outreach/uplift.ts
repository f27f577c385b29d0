/**
 * Uplift of outreach over the fitted model: did the contacted customers come back more often than the model
 * expected them to anyway? Pure; the statistic is documented in docs/outreach.md.
 */

/** One contact whose win-back window has closed: whether the customer bought in it, and the model's P(buy in it). */
export interface UpliftCase {
  returned: boolean;
  pReturn: number;
}

/** Below this many closed cases the uplift is "too few cases", never a number. */
export const MIN_UPLIFT_CASES = 10;

/** The standard normal quantile for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export type Uplift =
  | { tooFew: true; cases: number; minCases: number }
  | {
      tooFew: false;
      cases: number;
      returned: number;
      /** returned / cases. */
      observedRate: number;
      /** Mean of the cases' model P(return): what the model expected without any outreach. */
      expectedRate: number;
      /** observedRate − expectedRate, and its 95% interval. */
      uplift: number;
      low: number;
      high: number;
    };

/**
 * Wilson score interval for a binomial proportion (k successes in n trials), at the normal quantile `z`
 * (1.96 for 95%). Stays inside [0, 1] and keeps its coverage for small n and rates near 0 or 1, where the
 * plain normal interval does not. Throws RangeError for n < 1 or k outside 0..n.
 */
export function wilsonInterval(k: number, n: number, z = Z95): { low: number; high: number } {
  if (!(n >= 1) || !(k >= 0) || k > n) throw new RangeError(`need 0 ≤ k ≤ n and n ≥ 1, got k=${k} n=${n}`);
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Observed return rate minus the model's expected rate, with a 95% interval: the Wilson interval of the observed
 * rate shifted by the expected rate, which the stored fit fixes before any outcome is seen. The binomial variance
 * is at least the variance of a sum of Bernoullis with unequal probabilities, so the interval errs wide, never
 * narrow. Fewer than `minCases` cases give `tooFew`.
 */
export function measureUplift(cases: readonly UpliftCase[], minCases = MIN_UPLIFT_CASES): Uplift {
  const n = cases.length;
  if (n < Math.max(1, minCases)) return { tooFew: true, cases: n, minCases };
  let returned = 0;
  let expected = 0;
  for (const c of cases) {
    if (c.returned) returned += 1;
    expected += c.pReturn;
  }
  const observedRate = returned / n;
  const expectedRate = expected / n;
  const { low, high } = wilsonInterval(returned, n);
  return { tooFew: false, cases: n, returned, observedRate, expectedRate, uplift: observedRate - expectedRate, low: low - expectedRate, high: high - expectedRate };
}
