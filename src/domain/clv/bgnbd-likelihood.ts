import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { ClvError } from "./errors.js";

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, α) (α a rate, in 1/time unit), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Column view of the inputs the BG/NBD needs; `CustomerSummaries` satisfies it. */
export interface FrequencyRecencyAge {
  /** x: repeat purchases in the calibration period. */
  readonly frequency: ArrayLike<number>;
  /** t_x: time of the last purchase, from the first (model time units). */
  readonly recency: ArrayLike<number>;
  /** T: time from the first purchase to the end of calibration (model time units). */
  readonly age: ArrayLike<number>;
}

/**
 * Customers collapsed to distinct (x, t_x, T) with counts, and distinct x values indexed, so that
 * the gamma-function terms (which depend on x only) are computed once per x per evaluation.
 */
export interface BgNbdData {
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly rows: number;
  readonly count: Float64Array;
  readonly recency: Float64Array;
  readonly age: Float64Array;
  /** Index into `distinctFrequency` for each row. */
  readonly frequencyIndex: Int32Array;
  readonly distinctFrequency: Float64Array;
}

/** Validates and aggregates summaries for the likelihood. Throws ClvError INVALID_INPUT. */
export function aggregateBgNbdData(input: FrequencyRecencyAge): BgNbdData {
  const n = input.frequency.length;
  if (input.recency.length !== n || input.age.length !== n) {
    throw new ClvError("INVALID_INPUT", "frequency, recency and age must have the same length");
  }
  const rowOf = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const ts: number[] = [];
  const counts: number[] = [];
  let repeatCustomers = 0;
  for (let i = 0; i < n; i += 1) {
    const x = input.frequency[i] as number;
    const tx = input.recency[i] as number;
    const t = input.age[i] as number;
    if (!(x >= 0) || !(tx >= 0) || !(t >= tx) || !Number.isFinite(t) || (x === 0 && tx !== 0)) {
      throw new ClvError("INVALID_INPUT", `customer ${i}: need x ≥ 0, 0 ≤ t_x ≤ T and t_x = 0 when x = 0`, { x, tx, t });
    }
    if (x > 0) repeatCustomers += 1;
    const key = `${x}|${tx}|${t}`;
    const row = rowOf.get(key);
    if (row === undefined) {
      rowOf.set(key, xs.length);
      xs.push(x);
      txs.push(tx);
      ts.push(t);
      counts.push(1);
    } else {
      counts[row] = (counts[row] as number) + 1;
    }
  }
  const distinct = [...new Set(xs)].sort((p, q) => p - q);
  const indexOfX = new Map(distinct.map((x, i) => [x, i]));
  return {
    customers: n,
    repeatCustomers,
    rows: xs.length,
    count: Float64Array.from(counts),
    recency: Float64Array.from(txs),
    age: Float64Array.from(ts),
    frequencyIndex: Int32Array.from(xs, (x) => indexOfX.get(x) as number),
    distinctFrequency: Float64Array.from(distinct),
  };
}

/**
 * Total BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) in log space:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *          + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * with the last bracket as a log-sum-exp so large x or T never underflows.
 * When `gradientOut` is given it receives ∂lnL/∂(r, α, a, b). Use for fitting and model comparison.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: BgNbdData, gradientOut?: number[]): number {
  const { r, alpha, a, b } = params;
  const distinct = data.distinctFrequency;
  const k = distinct.length;
  // Per distinct x: the x-only part of ln L, ln(a/(b+x−1)), and their parameter derivatives.
  const constant = new Float64Array(k);
  const dropTerm = new Float64Array(k);
  const wantGradient = gradientOut !== undefined;
  const dConstR = wantGradient ? new Float64Array(k) : undefined;
  const dConstA = wantGradient ? new Float64Array(k) : undefined;
  const dConstB = wantGradient ? new Float64Array(k) : undefined;
  const lnAlpha = Math.log(alpha);
  const baseBeta = betaln(a, b);
  const lgR = gammaln(r);
  const psiR = wantGradient ? digamma(r) : 0;
  const psiAB = wantGradient ? digamma(a + b) : 0;
  const psiB = wantGradient ? digamma(b) : 0;
  for (let j = 0; j < k; j += 1) {
    const x = distinct[j] as number;
    constant[j] = gammaln(r + x) - lgR + r * lnAlpha + betaln(a, b + x) - baseBeta;
    dropTerm[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    if (dConstR && dConstA && dConstB) {
      const psiABX = digamma(a + b + x);
      dConstR[j] = digamma(r + x) - psiR + lnAlpha;
      dConstA[j] = psiAB - psiABX;
      dConstB[j] = psiAB + digamma(b + x) - psiB - psiABX;
    }
  }

  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let i = 0; i < data.rows; i += 1) {
    const j = data.frequencyIndex[i] as number;
    const x = distinct[j] as number;
    const w = data.count[i] as number;
    const rx = r + x;
    const lnAlphaT = Math.log(alpha + (data.age[i] as number));
    const stayed = -rx * lnAlphaT;
    let mix = stayed;
    let dropShare = 0;
    let lnAlphaTx = 0;
    if (x > 0) {
      lnAlphaTx = Math.log(alpha + (data.recency[i] as number));
      const dropped = (dropTerm[j] as number) - rx * lnAlphaTx;
      const hi = Math.max(stayed, dropped);
      const eStay = Math.exp(stayed - hi);
      const eDrop = Math.exp(dropped - hi);
      mix = hi + Math.log(eStay + eDrop);
      dropShare = eDrop / (eStay + eDrop);
    }
    total += w * ((constant[j] as number) + mix);
    if (dConstR && dConstA && dConstB) {
      const stayShare = 1 - dropShare;
      gR += w * ((dConstR[j] as number) - stayShare * lnAlphaT - dropShare * lnAlphaTx);
      gAlpha += w * (r / alpha - (stayShare * rx) / (alpha + (data.age[i] as number)) - (x > 0 ? (dropShare * rx) / (alpha + (data.recency[i] as number)) : 0));
      gA += w * ((dConstA[j] as number) + (x > 0 ? dropShare / a : 0));
      gB += w * ((dConstB[j] as number) - (x > 0 ? dropShare / (b + x - 1) : 0));
    }
  }
  if (gradientOut) {
    gradientOut[0] = gR;
    gradientOut[1] = gAlpha;
    gradientOut[2] = gA;
    gradientOut[3] = gB;
  }
  return total;
}
