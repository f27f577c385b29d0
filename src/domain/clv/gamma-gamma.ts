import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { ClvError } from "./errors.js";
import { fitLogParameters, type SmoothObjective } from "./optimize.js";

/**
 * Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves",
 * and Colombo & Jiang 1999): each purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** Column view the fit needs; `CustomerSummaries` satisfies it. */
export interface FrequencySpend {
  readonly frequency: ArrayLike<number>;
  /** Mean spend per repeat purchase (day); ignored where frequency is 0. */
  readonly averageRepeatSpend: ArrayLike<number>;
}

/** Repeat customers only, with the parameter-free logs precomputed once. */
interface SpendData {
  readonly customers: number;
  readonly excluded: number;
  readonly frequency: Float64Array;
  readonly spendTimesFrequency: Float64Array;
  /** ln m̄ + ln x, and ln m̄: the parts of the likelihood that never change during the fit. */
  readonly logSpendPlusLogFrequency: Float64Array;
  readonly logSpend: Float64Array;
  readonly distinctFrequency: Float64Array;
  readonly frequencyIndex: Int32Array;
}

function prepare(input: FrequencySpend): SpendData {
  const n = input.frequency.length;
  if (input.averageRepeatSpend.length !== n) {
    throw new ClvError("INVALID_INPUT", "frequency and averageRepeatSpend must have the same length");
  }
  const xs: number[] = [];
  const ms: number[] = [];
  let excluded = 0;
  for (let i = 0; i < n; i += 1) {
    const x = input.frequency[i] as number;
    const m = input.averageRepeatSpend[i] as number;
    if (!(x > 0)) continue;
    // The model is for positive spend; zero or refund-only repeat customers cannot be scored by it.
    if (!(m > 0) || !Number.isFinite(m)) {
      excluded += 1;
      continue;
    }
    xs.push(x);
    ms.push(m);
  }
  const distinct = [...new Set(xs)].sort((u, v) => u - v);
  const indexOfX = new Map(distinct.map((x, i) => [x, i]));
  return {
    customers: xs.length,
    excluded,
    frequency: Float64Array.from(xs),
    spendTimesFrequency: Float64Array.from(xs, (x, i) => x * (ms[i] as number)),
    logSpendPlusLogFrequency: Float64Array.from(xs, (x, i) => Math.log(ms[i] as number) + Math.log(x)),
    logSpend: Float64Array.from(ms, Math.log),
    distinctFrequency: Float64Array.from(distinct),
    frequencyIndex: Int32Array.from(xs, (x) => indexOfX.get(x) as number),
  };
}

/**
 * Total Gamma-Gamma log-likelihood of the repeat customers' mean spends m̄ given x:
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
 * Writes ∂/∂(p, q, γ) into `gradientOut` when given. Throws INVALID_INPUT on mismatched columns.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, input: FrequencySpend, gradientOut?: number[]): number {
  return logLikelihood(params, prepare(input), gradientOut);
}

function logLikelihood({ p, q, gamma }: GammaGammaParams, data: SpendData, gradientOut?: number[]): number {
  const k = data.distinctFrequency.length;
  const lgQ = gammaln(q);
  const lnGamma = Math.log(gamma);
  const constant = new Float64Array(k);
  const dConstP = new Float64Array(k);
  const dConstQ = new Float64Array(k);
  const psiQ = gradientOut ? digamma(q) : 0;
  for (let j = 0; j < k; j += 1) {
    const x = data.distinctFrequency[j] as number;
    constant[j] = gammaln(p * x + q) - gammaln(p * x) - lgQ + q * lnGamma;
    if (gradientOut) {
      const psiPxQ = digamma(p * x + q);
      dConstP[j] = x * (psiPxQ - digamma(p * x));
      dConstQ[j] = psiPxQ - psiQ + lnGamma;
    }
  }
  let total = 0;
  let gP = 0;
  let gQ = 0;
  let gGamma = 0;
  for (let i = 0; i < data.customers; i += 1) {
    const j = data.frequencyIndex[i] as number;
    const x = data.frequency[i] as number;
    const px = p * x;
    const lnDenominator = Math.log(gamma + (data.spendTimesFrequency[i] as number));
    total += (constant[j] as number) + px * (data.logSpendPlusLogFrequency[i] as number) - (data.logSpend[i] as number) - (px + q) * lnDenominator;
    if (gradientOut) {
      gP += (dConstP[j] as number) + x * ((data.logSpendPlusLogFrequency[i] as number) - lnDenominator);
      gQ += (dConstQ[j] as number) - lnDenominator;
      gGamma += q / gamma - (px + q) / (gamma + (data.spendTimesFrequency[i] as number));
    }
  }
  if (gradientOut) {
    gradientOut[0] = gP;
    gradientOut[1] = gQ;
    gradientOut[2] = gGamma;
  }
  return total;
}

export interface GammaGammaFitOptions {
  readonly start?: GammaGammaParams;
  /** Gradient norm (per customer, log-parameters) accepted as converged; default 1e-5. */
  readonly gradientTolerance?: number;
  /** Below this many repeat customers with positive spend we refuse to fit; default 10. */
  readonly minRepeatCustomers?: number;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  readonly standardErrors: GammaGammaParams;
  readonly converged: true;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** Repeat customers used, and repeat customers left out for non-positive mean spend. */
  readonly customers: number;
  readonly excludedCustomers: number;
}

const toParams = (theta: readonly number[]): GammaGammaParams => ({
  p: Math.exp(theta[0] ?? 0),
  q: Math.exp(theta[1] ?? 0),
  gamma: Math.exp(theta[2] ?? 0),
});

/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model on repeat customers (x > 0; others are
 * skipped). Throws ClvError NOT_ENOUGH_DATA, INVALID_INPUT or DID_NOT_CONVERGE (details hold the
 * best point found).
 */
export function fitGammaGamma(input: FrequencySpend, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const data = prepare(input);
  const minRepeatCustomers = options.minRepeatCustomers ?? 10;
  if (data.customers < minRepeatCustomers) {
    throw new ClvError("NOT_ENOUGH_DATA", `Gamma-Gamma needs at least ${minRepeatCustomers} repeat customers`, {
      repeatCustomers: data.customers,
      excluded: data.excluded,
    });
  }
  const gradient = [0, 0, 0];
  const objective: SmoothObjective = {
    dimension: 3,
    evaluate(theta, gradientOut) {
      const params = toParams(theta);
      const ll = logLikelihood(params, data, gradientOut ? gradient : undefined);
      if (gradientOut) {
        gradientOut[0] = (-(gradient[0] as number) * params.p) / data.customers;
        gradientOut[1] = (-(gradient[1] as number) * params.q) / data.customers;
        gradientOut[2] = (-(gradient[2] as number) * params.gamma) / data.customers;
      }
      return Number.isFinite(ll) ? -ll / data.customers : Number.POSITIVE_INFINITY;
    },
  };
  let meanSpend = 0;
  for (let i = 0; i < data.customers; i += 1) meanSpend += Math.exp(data.logSpend[i] as number) / data.customers;
  // Population mean spend is pγ/(q−1); start from p = 1, q = 2 with that mean matched.
  const start = options.start ?? { p: 1, q: 2, gamma: meanSpend };
  const fit = fitLogParameters("Gamma-Gamma", objective, {
    names: ["p", "q", "gamma"] as const,
    start,
    customers: data.customers,
    gradientTolerance: options.gradientTolerance ?? 1e-5,
    maxRestarts: 6,
    maxIterationsPerRun: 1000,
  });
  return {
    ...fit,
    excludedCustomers: data.excluded,
  };
}

/**
 * E[M | x, m̄] = p(γ + x m̄) / (px + q − 1): the customer's expected spend per purchase, a weighted
 * mix of the population mean pγ/(q−1) and their own m̄. For x = 0 it is the population mean.
 * Throws INVALID_INPUT when the expectation does not exist (px + q ≤ 1, e.g. q ≤ 1 with x = 0).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, frequency: number, averageRepeatSpend: number): number {
  const { p, q, gamma } = params;
  const x = Math.max(frequency, 0);
  const spend = x > 0 ? x * averageRepeatSpend : 0;
  const denominator = p * x + q - 1;
  if (!(denominator > 0) || !Number.isFinite(spend)) {
    throw new ClvError("INVALID_INPUT", "expected spend is undefined here (needs p·x + q > 1 and finite spend)", {
      frequency,
      averageRepeatSpend,
      q,
    });
  }
  return (p * (gamma + spend)) / denominator;
}
