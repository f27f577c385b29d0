import { conjugateGradient, nelderMead } from "fmin";
import { ClvError } from "./errors.js";

/**
 * A smooth objective over unconstrained (log-transformed) parameters, to be MINIMIZED.
 * `evaluate` returns the value and, when `gradientOut` is given, writes the gradient into it
 * (the simplex never asks, which saves the digamma calls). Non-finite values are treated as
 * "infinitely bad".
 */
export interface SmoothObjective {
  readonly dimension: number;
  evaluate(x: readonly number[], gradientOut?: number[]): number;
}

export interface MinimizeOptions {
  /** Convergence requires the gradient's Euclidean norm at the answer to be at most this. */
  readonly gradientTolerance: number;
  /** Cap on Nelder-Mead restarts (each restart re-opens a smaller simplex around the best point). */
  readonly maxRestarts: number;
  /** Cap on iterations of each Nelder-Mead run. */
  readonly maxIterationsPerRun: number;
}

export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly gradientNorm: number;
  readonly converged: boolean;
  /** Simplex iterations plus conjugate-gradient iterations over all runs. */
  readonly iterations: number;
  readonly evaluations: number;
}

// Large but finite, so fmin's sort comparator (a.fx - b.fx) never sees Infinity - Infinity.
const PENALTY = 1e100;

/**
 * Minimizes `objective` from `start`: Nelder-Mead (robust far from the optimum, no gradient
 * needed) restarted around its own best point until it stops improving (a collapsed simplex is
 * the usual way Nelder-Mead stalls), then polished with conjugate gradients on the analytic
 * gradient. Convergence is judged on the gradient norm, not on the optimizer's own stopping.
 * Never throws; the caller decides what a non-converged result means.
 */
export function minimize(objective: SmoothObjective, start: readonly number[], options: MinimizeOptions): MinimizeResult {
  const n = objective.dimension;
  let evaluations = 0;
  let iterations = 0;
  const valueAt = (x: readonly number[], gradientOut?: number[]): number => {
    evaluations += 1;
    const value = objective.evaluate(x, gradientOut);
    return Number.isFinite(value) ? value : PENALTY;
  };

  let best = start.slice();
  let bestValue = valueAt(best);
  // Simplex edge in log-parameter units: 0.5 explores a factor of ~1.6 per parameter first.
  let step = 0.5;
  for (let run = 0; run <= options.maxRestarts; run += 1) {
    // fmin seeds the simplex with `zeroDelta` only for zero coordinates, so optimise the offset
    // from the current best point: every coordinate starts at 0 and gets the same edge length.
    const center = best;
    const history: unknown[] = [];
    const result = nelderMead((u) => valueAt(addInto(center, u)), new Array<number>(n).fill(0), {
      maxIterations: options.maxIterationsPerRun,
      zeroDelta: step,
      minErrorDelta: 1e-9,
      history,
    });
    iterations += history.length;
    const improvement = bestValue - result.fx;
    if (result.fx < bestValue) {
      best = addInto(center, result.x);
      bestValue = result.fx;
    }
    step = Math.max(step / 4, 1e-3);
    if (run > 0 && improvement < 1e-10) break;
  }

  const cgHistory: unknown[] = [];
  const polished = conjugateGradient(
    (x, gradientOut) => {
      const value = valueAt(x, gradientOut);
      if (value === PENALTY) gradientOut.fill(0);
      return value;
    },
    best,
    { maxIterations: 50 * n, history: cgHistory },
  );
  iterations += cgHistory.length;
  if (Number.isFinite(polished.fx) && polished.fx <= bestValue && polished.x.every(Number.isFinite)) {
    best = polished.x.slice();
    bestValue = polished.fx;
  }

  const gradient = new Array<number>(n).fill(0);
  bestValue = valueAt(best, gradient);
  const gradientNorm = Math.hypot(...gradient);
  return {
    x: best,
    value: bestValue,
    gradientNorm,
    converged: bestValue < PENALTY && gradientNorm <= options.gradientTolerance,
    iterations,
    evaluations,
  };
}

function addInto(center: readonly number[], offset: readonly number[]): number[] {
  return center.map((c, i) => c + (offset[i] ?? 0));
}

/**
 * Standard errors of log-parameters from the observed information: the Hessian of the TOTAL
 * negative log-likelihood, by central differences of the analytic gradient of `objective`
 * (which is the per-customer mean, hence the `count` scale). NaN entries mean the Hessian was
 * not positive definite there, i.e. the point is not a well-identified maximum.
 */
export function logParameterStandardErrors(objective: SmoothObjective, x: readonly number[], count: number): number[] {
  const n = objective.dimension;
  const h = 1e-5;
  const hessian: number[][] = [];
  const plus = new Array<number>(n).fill(0);
  const minus = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j += 1) {
    const xp = x.slice();
    const xm = x.slice();
    xp[j] = (xp[j] ?? 0) + h;
    xm[j] = (xm[j] ?? 0) - h;
    objective.evaluate(xp, plus);
    objective.evaluate(xm, minus);
    hessian.push(plus.map((p, i) => ((p - (minus[i] ?? 0)) / (2 * h)) * count));
  }
  const symmetric = hessian.map((row, i) => row.map((v, j) => (v + (hessian[j]?.[i] ?? v)) / 2));
  const covariance = invertSymmetric(symmetric);
  return covariance.map((row, i) => {
    const variance = row[i] ?? Number.NaN;
    return variance > 0 ? Math.sqrt(variance) : Number.NaN;
  });
}

/** Gauss-Jordan with partial pivoting; returns NaNs for a singular or indefinite matrix. */
function invertSymmetric(matrix: readonly (readonly number[])[]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const nan = () => Array.from({ length: n }, () => new Array<number>(n).fill(Number.NaN));
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) {
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    }
    const pivotRow = a[pivot];
    const current = a[col];
    if (!pivotRow || !current) return nan();
    const p = pivotRow[col] ?? 0;
    if (!(Math.abs(p) > 1e-300)) return nan();
    a[pivot] = current;
    a[col] = pivotRow;
    for (let k = 0; k < 2 * n; k += 1) pivotRow[k] = (pivotRow[k] ?? 0) / p;
    for (let r = 0; r < n; r += 1) {
      const row = a[r];
      if (r === col || !row) continue;
      const factor = row[col] ?? 0;
      if (factor === 0) continue;
      for (let k = 0; k < 2 * n; k += 1) row[k] = (row[k] ?? 0) - factor * (pivotRow[k] ?? 0);
    }
  }
  return a.map((row) => row.slice(n));
}

/** A maximum-likelihood fit over positive parameters named `N`, as both models report it. */
export interface LogParameterFit<N extends string> {
  readonly params: Record<N, number>;
  /** Total log-likelihood at `params`. */
  readonly logLikelihood: number;
  readonly standardErrors: Record<N, number>;
  readonly converged: true;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly customers: number;
}

/**
 * Maximizes a likelihood over positive parameters: `objective` is the per-customer mean negative
 * log-likelihood over their logs (in the order of `names`). Returns the parameters, the total
 * log-likelihood and delta-method standard errors. Throws ClvError DID_NOT_CONVERGE (with the best
 * point, gradient norm and iterations in `details`) when the gradient test fails.
 */
export function fitLogParameters<N extends string>(
  model: string,
  objective: SmoothObjective,
  opts: { names: readonly N[]; start: Record<N, number>; customers: number } & MinimizeOptions,
): LogParameterFit<N> {
  const toParams = (theta: readonly number[]) => Object.fromEntries(opts.names.map((name, i) => [name, Math.exp(theta[i] ?? 0)])) as Record<N, number>;
  const result = minimize(
    objective,
    opts.names.map((name) => Math.log(opts.start[name])),
    opts,
  );
  const params = toParams(result.x);
  if (!result.converged) {
    throw new ClvError("DID_NOT_CONVERGE", `${model} maximum-likelihood fit did not converge`, {
      params,
      gradientNorm: result.gradientNorm,
      iterations: result.iterations,
    });
  }
  const logSe = logParameterStandardErrors(objective, result.x, opts.customers);
  const standardErrors = Object.fromEntries(opts.names.map((name, i) => [name, params[name] * (logSe[i] ?? Number.NaN)])) as Record<N, number>;
  return {
    params,
    logLikelihood: -result.value * opts.customers,
    standardErrors,
    converged: true,
    gradientNorm: result.gradientNorm,
    iterations: result.iterations,
    evaluations: result.evaluations,
    customers: opts.customers,
  };
}
