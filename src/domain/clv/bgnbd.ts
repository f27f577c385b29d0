import { aggregateBgNbdData, bgNbdLogLikelihood, type BgNbdData, type BgNbdParams, type FrequencyRecencyAge } from "./bgnbd-likelihood.js";
import { ClvError } from "./errors.js";
import { fitLogParameters, type SmoothObjective } from "./optimize.js";

export { aggregateBgNbdData, bgNbdLogLikelihood } from "./bgnbd-likelihood.js";
export type { BgNbdData, BgNbdParams, FrequencyRecencyAge } from "./bgnbd-likelihood.js";
export {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchase,
  bgNbdUnconditionalExpectedPurchases,
} from "./bgnbd-predict.js";
export type { CustomerHistory } from "./bgnbd-predict.js";

export interface BgNbdFitOptions {
  /** Starting point; by default r = 1, a = b = 1 and α matched to the mean purchase rate. */
  readonly start?: BgNbdParams;
  /** Gradient norm (per customer, log-parameters) accepted as converged; default 1e-5. */
  readonly gradientTolerance?: number;
  /** Nelder-Mead restarts before the gradient polish; default 6. */
  readonly maxRestarts?: number;
  /** Below this many customers we refuse to fit; default 20. */
  readonly minCustomers?: number;
  /** Below this many customers with x > 0 dropout (a, b) is not identified; default 10. */
  readonly minRepeatCustomers?: number;
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Total log-likelihood at `params` (comparable with published values, e.g. −9582.4 for CDNOW). */
  readonly logLikelihood: number;
  /** Asymptotic standard errors (observed information, delta method); NaN if not identified. */
  readonly standardErrors: BgNbdParams;
  readonly converged: true;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly customers: number;
}

const NAMES = ["r", "alpha", "a", "b"] as const;

function toParams(theta: readonly number[]): BgNbdParams {
  return {
    r: Math.exp(theta[0] ?? 0),
    alpha: Math.exp(theta[1] ?? 0),
    a: Math.exp(theta[2] ?? 0),
    b: Math.exp(theta[3] ?? 0),
  };
}

/** Mean negative log-likelihood over log-parameters, so the optimizer works unconstrained and on a per-customer scale. */
function bgNbdObjective(data: BgNbdData): SmoothObjective {
  const gradient = [0, 0, 0, 0];
  return {
    dimension: 4,
    evaluate(theta, gradientOut) {
      const params = toParams(theta);
      const ll = bgNbdLogLikelihood(params, data, gradientOut ? gradient : undefined);
      if (gradientOut) {
        // Chain rule for θ = ln(param): ∂/∂θ = param · ∂/∂param.
        NAMES.forEach((name, i) => {
          gradientOut[i] = (-(gradient[i] as number) * params[name]) / data.customers;
        });
      }
      return Number.isFinite(ll) ? -ll / data.customers : Number.POSITIVE_INFINITY;
    },
  };
}

function defaultStart(data: BgNbdData): BgNbdParams {
  let purchases = 0;
  let exposure = 0;
  for (let i = 0; i < data.rows; i += 1) {
    const w = data.count[i] as number;
    purchases += w * (data.distinctFrequency[data.frequencyIndex[i] as number] as number);
    exposure += w * (data.age[i] as number);
  }
  // E[λ] = r/α, so with r = 1 start α at the reciprocal of the pooled repeat-purchase rate.
  const rate = exposure > 0 && purchases > 0 ? purchases / exposure : 1;
  return { r: 1, alpha: 1 / rate, a: 1, b: 1 };
}

/**
 * Maximum-likelihood fit of the BG/NBD model. Use on calibration-period summaries (one row per
 * customer; pass `aggregateBgNbdData(...)` output to reuse an aggregation).
 * Throws ClvError NOT_ENOUGH_DATA (too few customers / repeat customers), INVALID_INPUT (bad
 * summaries) or DID_NOT_CONVERGE (details hold the best point found and its gradient norm).
 */
export function fitBgNbd(input: FrequencyRecencyAge | BgNbdData, options: BgNbdFitOptions = {}): BgNbdFit {
  const data = "distinctFrequency" in input ? input : aggregateBgNbdData(input);
  const minCustomers = options.minCustomers ?? 20;
  const minRepeatCustomers = options.minRepeatCustomers ?? 10;
  if (data.customers < minCustomers || data.repeatCustomers < minRepeatCustomers) {
    throw new ClvError("NOT_ENOUGH_DATA", `BG/NBD needs at least ${minCustomers} customers and ${minRepeatCustomers} repeat customers`, {
      customers: data.customers,
      repeatCustomers: data.repeatCustomers,
    });
  }
  const objective = bgNbdObjective(data);
  const start = options.start ?? defaultStart(data);
  return fitLogParameters("BG/NBD", objective, {
    names: NAMES,
    start,
    customers: data.customers,
    gradientTolerance: options.gradientTolerance ?? 1e-5,
    maxRestarts: options.maxRestarts ?? 6,
    maxIterationsPerRun: 1000,
  });
}
