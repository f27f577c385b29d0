import gamma from "@stdlib/math-base-special-gamma";
import { ClvError } from "./errors.js";

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1.
 *
 * No maintained npm package provides it, so this is a power series with three safeguards:
 *  1. z < 0 is mapped into [0, 1) by Pfaff's transformation
 *       2F1(a,b;c;z) = (1−z)^(−a) · 2F1(a, c−b; c; z/(z−1)).
 *  2. For z in [0, 1) the terms behave like n^(a+b−c−1)·z^n, which decays slowly near z = 1 when
 *     a + b > c (the series even diverges at z = 1). Then Euler's transformation
 *       2F1(a,b;c;z) = (1−z)^(c−a−b) · 2F1(c−a, c−b; c; z)
 *     gives terms ~ n^(c−a−b−1)·z^n, which decay fast; the prefactor is kept in log space so the
 *     large value near z = 1 (BG/NBD with many repeat purchases) never overflows.
 *  3. After 1 and 2, c − a − b ≥ 0, but the series still needs ~1/(1−z) terms. For z > 0.9 we
 *     use the linear transformation to 1 − z (Abramowitz & Stegun 15.3.6), whose two series in
 *     1 − z < 0.1 converge in a few dozen terms. It divides by sin(π(c−a−b)) in disguise (Γ(±m)),
 *     so when c − a − b is within 0.05 of an integer we stay with the z series instead.
 *  4. Convergence check: once n is past the parameter magnitudes the term ratio
 *     ρ_n = |(a+n)(b+n) z / ((c+n)(n+1))| moves monotonically towards |z| < 1, so the tail after
 *     term n+1 is at most |t_{n+1}| / (1 − max(ρ_n, |z|)). We stop when that bound is below
 *     `tolerance`·|sum|; past `maxTerms` we throw rather than return a truncated value.
 */
export interface Hyp2f1Options {
  /** Relative accuracy target for the series; default 1e-14. */
  readonly tolerance?: number;
  /** Hard cap on series terms; default 100,000 (reached only for z within ~1e-4 of 1). */
  readonly maxTerms?: number;
}

/** 2F1 as exp(logScale) · series, so callers can combine the scale with their own powers in log space. */
export interface Hyp2f1Parts {
  readonly logScale: number;
  readonly series: number;
}

/**
 * Use when a product with 2F1 may over/underflow (e.g. (1−z)^(r+x)·2F1 in BG/NBD).
 * Throws ClvError INVALID_INPUT for z ≥ 1, non-finite input or c a non-positive integer, and
 * DID_NOT_CONVERGE if the series needs more than `maxTerms` terms.
 */
export function hyp2f1Parts(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): Hyp2f1Parts {
  if (![a, b, c, z].every(Number.isFinite) || !(z < 1)) {
    throw new ClvError("INVALID_INPUT", `hyp2f1 needs finite parameters and z < 1, got (${a}, ${b}, ${c}, ${z})`);
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new ClvError("INVALID_INPUT", `hyp2f1 is undefined for c = ${c} (a non-positive integer)`);
  }
  if (z < 0) {
    // Pfaff: the new argument z/(z−1) lies in (0, 1).
    const inner = hyp2f1Parts(a, c - b, c, z / (z - 1), options);
    return { logScale: -a * Math.log1p(-z) + inner.logScale, series: inner.series };
  }
  if (a + b > c && z > 0) {
    return { logScale: (c - a - b) * Math.log1p(-z), series: nearOneOrSeries(c - a, c - b, c, z, options) };
  }
  return { logScale: 0, series: nearOneOrSeries(a, b, c, z, options) };
}

/** 1 / Γ(v), exactly 0 at the poles v = 0, −1, −2, … (where the matching A&S term vanishes). */
function reciprocalGamma(v: number): number {
  return v <= 0 && Number.isInteger(v) ? 0 : 1 / gamma(v);
}

/** 2F1 for 0 ≤ z < 1 and c − a − b ≥ 0; see step 3 above. */
function nearOneOrSeries(a: number, b: number, c: number, z: number, options: Hyp2f1Options): number {
  const m = c - a - b;
  if (z > 0.9 && Math.abs(m - Math.round(m)) > 0.05) {
    const w = 1 - z;
    const gc = gamma(c);
    const first = gc * gamma(m) * reciprocalGamma(c - a) * reciprocalGamma(c - b);
    const second = gc * gamma(-m) * reciprocalGamma(a) * reciprocalGamma(b) * w ** m;
    const value = (first === 0 ? 0 : first * series(a, b, 1 - m, w, options)) + (second === 0 ? 0 : second * series(c - a, c - b, 1 + m, w, options));
    // Γ overflows past ~171: then the z series (slow but exact) is the safer route.
    if (Number.isFinite(value)) return value;
  }
  return series(a, b, c, z, options);
}

/** 2F1(a, b; c; z) for z < 1. Same throws as `hyp2f1Parts`. */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  const { logScale, series: s } = hyp2f1Parts(a, b, c, z, options);
  return logScale === 0 ? s : Math.exp(logScale) * s;
}

function series(a: number, b: number, c: number, z: number, options: Hyp2f1Options): number {
  const tolerance = options.tolerance ?? 1e-14;
  const maxTerms = options.maxTerms ?? 100_000;
  const monotoneFrom = Math.ceil(Math.max(Math.abs(a), Math.abs(b), Math.abs(c))) + 1;
  const absZ = Math.abs(z);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n += 1) {
    const factor = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    const next = term * factor;
    sum += next;
    // A zero factor means a or b is a non-positive integer: the series is a finite polynomial.
    if (next === 0) return sum;
    if (n >= monotoneFrom) {
      const ratio = Math.max(Math.abs(factor), absZ);
      if (ratio < 1 && Math.abs(next) / (1 - ratio) <= tolerance * Math.abs(sum)) return sum;
    }
    term = next;
  }
  throw new ClvError("DID_NOT_CONVERGE", `hyp2f1 series did not converge in ${maxTerms} terms`, { a, b, c, z });
}
