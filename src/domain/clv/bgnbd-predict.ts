import type { BgNbdParams } from "./bgnbd-likelihood.js";
import { ClvError } from "./errors.js";
import { hyp2f1Parts } from "./hyp2f1.js";

/** One customer's calibration summary in model time units. */
export interface CustomerHistory {
  /** x: repeat purchases. */
  readonly frequency: number;
  /** t_x: time of the last purchase, from the first. */
  readonly recency: number;
  /** T: time from the first purchase to the end of calibration. */
  readonly age: number;
}

// The closed forms divide by (a − 1); at a = 1 they are 0/0 with a smooth limit, which we take as
// the mean of the values at 1 ± SHIFT (bias O(SHIFT²) ≈ 1e−10, rounding ≈ 1e−16/SHIFT ≈ 1e−11).
const A_NEAR_ONE = 1e-6;
const SHIFT = 1e-5;

function checkHistory({ frequency: x, recency: tx, age: t }: CustomerHistory): void {
  if (!(x >= 0) || !(tx >= 0) || !(t >= tx) || !Number.isFinite(t)) {
    throw new ClvError("INVALID_INPUT", "need x ≥ 0 and 0 ≤ t_x ≤ T", { x, tx, t });
  }
}

/** ln of the odds "dropped out after the last purchase" : "still alive" given the history (x > 0). */
function logDropoutOdds(params: BgNbdParams, { frequency: x, recency: tx, age: t }: CustomerHistory): number {
  const { r, alpha, a, b } = params;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
}

/**
 * P(alive | x, t_x, T) (Fader, Hardie & Lee 2005, eq. 11): the probability that the customer has
 * not dropped out by the end of calibration. Exactly 1 for x = 0 (BG/NBD only lets customers drop
 * out right after a repeat purchase). Use to rank customers for win-back. Throws INVALID_INPUT.
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, history: CustomerHistory): number {
  checkHistory(history);
  if (history.frequency === 0) return 1;
  const odds = logDropoutOdds(params, history);
  // 1 / (1 + e^L), written so neither branch overflows.
  return odds > 0 ? Math.exp(-odds) / (1 + Math.exp(-odds)) : 1 / (1 + Math.exp(odds));
}

/**
 * E[Y(t) | x, t_x, T] (eq. 10): expected purchases in the next `t` time units for a customer
 * with this history. Increasing in t. Use for forecasts and as the engine of CLV.
 * Throws INVALID_INPUT (bad history, t < 0) or DID_NOT_CONVERGE (2F1 series, only for extreme t).
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, history: CustomerHistory, t: number): number {
  checkHistory(history);
  const ifAlive = expectedPurchasesIfAlive(params, history.frequency, history.age, t);
  return history.frequency === 0 ? ifAlive : ifAlive * bgNbdProbabilityAlive(params, history);
}

/**
 * E[Y(t)] for a customer known to be alive at T: eq. 10 without the P(alive) factor, which does
 * not depend on t. Exported for bulk scoring (CLV sums it over many horizons); prefer
 * `bgNbdExpectedPurchases` elsewhere. Throws like it.
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, frequency: number, age: number, t: number): number {
  if (!(t >= 0) || !Number.isFinite(t)) throw new ClvError("INVALID_INPUT", `horizon must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  if (Math.abs(params.a - 1) < A_NEAR_ONE) {
    const lo = ifAliveClosedForm({ ...params, a: 1 - SHIFT }, frequency, age, t);
    const hi = ifAliveClosedForm({ ...params, a: 1 + SHIFT }, frequency, age, t);
    return (lo + hi) / 2;
  }
  return ifAliveClosedForm(params, frequency, age, t);
}

function ifAliveClosedForm(params: BgNbdParams, x: number, age: number, t: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + age + t);
  const hyp = hyp2f1Parts(r + x, b + x, a + b + x - 1, z);
  // ((α+T)/(α+T+t))^(r+x) · 2F1 in log space: both factors can be astronomically large/small for big x.
  const logProduct = (r + x) * Math.log1p(-z) + hyp.logScale + Math.log(hyp.series);
  // For a < 1 both the fraction and the bracket are negative; the product is positive.
  return ((a + b + x - 1) / (a - 1)) * -Math.expm1(logProduct);
}

/**
 * E[X(t)] (eq. 9): expected repeat purchases in the first `t` time units after a customer's first
 * purchase, for a customer we know nothing else about. Use for cohort forecasts (sum over a
 * cohort's ages). Throws INVALID_INPUT for t < 0.
 */
export function bgNbdUnconditionalExpectedPurchases(params: BgNbdParams, t: number): number {
  if (!(t >= 0) || !Number.isFinite(t)) throw new ClvError("INVALID_INPUT", `horizon must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  if (Math.abs(params.a - 1) < A_NEAR_ONE) {
    const lo = unconditionalClosedForm({ ...params, a: 1 - SHIFT }, t);
    const hi = unconditionalClosedForm({ ...params, a: 1 + SHIFT }, t);
    return (lo + hi) / 2;
  }
  return unconditionalClosedForm(params, t);
}

function unconditionalClosedForm(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + t);
  const hyp = hyp2f1Parts(r, b, a + b - 1, z);
  const logProduct = r * Math.log1p(-z) + hyp.logScale + Math.log(hyp.series);
  return ((a + b - 1) / (a - 1)) * -Math.expm1(logProduct);
}

/**
 * P(X(T, T+t] ≥ 1 | x, t_x, T): the probability that a customer with this history buys at least once in
 * the next `t` time units. A customer who dropped out never buys again; one still alive at T keeps the
 * posterior rate λ ~ Gamma(r + x, α + T) (the likelihood of an alive customer is λ^x e^(−λT) (1 − p)^x, so λ
 * and p are independent given alive), and buys nothing in t with probability E[e^(−λt)] = ((α+T)/(α+T+t))^(r+x)
 * (dropout only happens right after a purchase). Hence P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)).
 * Use as the model's expectation of a win-back within t. Throws INVALID_INPUT (bad history, t < 0).
 */
export function bgNbdProbabilityOfPurchase(params: BgNbdParams, history: CustomerHistory, t: number): number {
  checkHistory(history);
  if (!(t >= 0) || !Number.isFinite(t)) throw new ClvError("INVALID_INPUT", `horizon must be ≥ 0, got ${t}`);
  const { r, alpha } = params;
  const logNoPurchaseIfAlive = -(r + history.frequency) * Math.log1p(t / (alpha + history.age));
  return bgNbdProbabilityAlive(params, history) * -Math.expm1(logNoPurchaseIfAlive);
}
