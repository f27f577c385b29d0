import randomBeta from "@stdlib/random-base-beta";
import randomGamma from "@stdlib/random-base-gamma";
import type { BgNbdParams } from "./bgnbd-likelihood.js";
import type { GammaGammaParams } from "./gamma-gamma.js";
import type { Purchase } from "./summary.js";

/**
 * Seeded generators for data that follows BG/NBD and Gamma-Gamma exactly. Use in tests (does the
 * fit recover known parameters?) and benchmarks; never in production scoring.
 */
export interface SimulationOptions {
  readonly customers: number;
  readonly seed: number;
  /** Each customer's T is uniform on [minAge, maxAge] model time units (staggered acquisition). */
  readonly minAge: number;
  readonly maxAge: number;
}

interface Draws {
  gamma: (shape: number, rate: number) => number;
  beta: (a: number, b: number) => number;
}

function draws(seed: number): Draws {
  return { gamma: randomGamma.factory({ seed }), beta: randomBeta.factory({ seed: seed + 1 }) };
}

/**
 * One customer's repeat-purchase times in (0, T]: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases
 * arrive as Poisson(λ) and after each repeat purchase the customer leaves with probability p.
 */
function purchaseTimes(params: BgNbdParams, age: number, d: Draws): number[] {
  const lambda = d.gamma(params.r, params.alpha);
  const p = d.beta(params.a, params.b);
  const times: number[] = [];
  let t = 0;
  for (;;) {
    t += d.gamma(1, lambda);
    if (t > age) return times;
    times.push(t);
    if (d.beta(1, 1) < p) return times;
  }
}

/** (x, t_x, T) columns in continuous time, straight from the model. */
export function simulateBgNbdSummaries(params: BgNbdParams, options: SimulationOptions): { frequency: Float64Array; recency: Float64Array; age: Float64Array } {
  const d = draws(options.seed);
  const n = options.customers;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const age = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const t = options.minAge + d.beta(1, 1) * (options.maxAge - options.minAge);
    const times = purchaseTimes(params, t, d);
    frequency[i] = times.length;
    recency[i] = times.at(-1) ?? 0;
    age[i] = t;
  }
  return { frequency, recency, age };
}

/**
 * Mean repeat spend for customers with the given x: ν ~ Gamma(q, γ) per customer, each purchase
 * ~ Gamma(p, ν), so the sum of x purchases ~ Gamma(px, ν). NaN where x = 0.
 */
export function simulateAverageSpend(params: GammaGammaParams, frequency: ArrayLike<number>, seed: number): Float64Array {
  const d = draws(seed);
  return Float64Array.from({ length: frequency.length }, (_, i) => {
    const x = frequency[i] as number;
    if (x <= 0) return Number.NaN;
    const nu = d.gamma(params.q, params.gamma);
    return d.gamma(params.p * x, nu) / x;
  });
}

/**
 * Raw purchase rows (first purchase included) for `customers` customers whose first purchases
 * spread over [asOfDay − maxAge·unitDays, asOfDay − minAge·unitDays]; times are rounded down to
 * whole days, so a few same-day purchases merge exactly as in real data.
 */
export function simulatePurchases(
  models: { bgNbd: BgNbdParams; gammaGamma: GammaGammaParams },
  options: SimulationOptions & { readonly asOfDay: number; readonly unitDays: number },
): Purchase[] {
  const d = draws(options.seed);
  const rows: Purchase[] = [];
  const { p, q, gamma } = models.gammaGamma;
  for (let i = 0; i < options.customers; i += 1) {
    const customerId = `c${i}`;
    const t = options.minAge + d.beta(1, 1) * (options.maxAge - options.minAge);
    const firstDay = options.asOfDay - Math.floor(t * options.unitDays);
    const nu = d.gamma(q, gamma);
    rows.push({ customerId, at: firstDay, amount: d.gamma(p, nu) });
    for (const time of purchaseTimes(models.bgNbd, t, d)) {
      rows.push({ customerId, at: firstDay + Math.floor(time * options.unitDays), amount: d.gamma(p, nu) });
    }
  }
  return rows;
}
