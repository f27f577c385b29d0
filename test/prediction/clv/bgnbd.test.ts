import { describe, expect, it } from "vitest";
import betaln from "@stdlib/math-base-special-betaln";
import {
  aggregateBgNbdData,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdUnconditionalExpectedPurchases,
  ClvError,
  fitBgNbd,
  type BgNbdParams,
} from "../../../src/domain/clv/index.js";
import { simulateBgNbdSummaries } from "../../../src/domain/clv/simulate.js";

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Composite Simpson on [0, 1] with n (even) intervals. */
function simpson(f: (u: number) => number, n = 20_000): number {
  const h = 1 / n;
  let sum = f(0) + f(1);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

/**
 * E_p[g(p)] for p ~ Beta(a, b). For a < 1 we substitute p = u^(1/a), which turns the p^(a−1)
 * endpoint singularity into a constant; for a ≥ 1 the plain integrand is smooth enough.
 * Independent of every closed form under test.
 */
function betaExpectation(g: (p: number) => number, a: number, b: number): number {
  if (a >= 1) {
    return simpson((p) => (p >= 1 ? 0 : g(p) * p ** (a - 1) * (1 - p) ** (b - 1))) / Math.exp(betaln(a, b));
  }
  const integral = simpson((u) => {
    const p = u ** (1 / a);
    const tail = 1 - p;
    return tail <= 0 ? 0 : g(p) * tail ** (b - 1);
  });
  return integral / (a * Math.exp(betaln(a, b)));
}

/**
 * Given alive at T with x repeats, λ | data ~ Gamma(r+x, α+T) and p | data ~ Beta(a, b+x)
 * independently, and E[Y(t) | λ, p] = (1 − e^(−λpt))/p. Integrating λ out analytically leaves a
 * one-dimensional integral over p, done numerically here.
 */
function expectedIfAliveByQuadrature(params: BgNbdParams, x: number, age: number, t: number): number {
  const shape = params.r + x;
  const rate = params.alpha + age;
  const g = (p: number) => (p === 0 ? (shape * t) / rate : -Math.expm1(-shape * Math.log1p((p * t) / rate)) / p);
  return betaExpectation(g, params.a, params.b + x);
}

/** P(alive) from the two likelihood branches with E_p[(1−p)^x] and E_p[p(1−p)^(x−1)] by quadrature. */
function pAliveByQuadrature(params: BgNbdParams, x: number, tx: number, age: number): number {
  const { r, alpha, a, b } = params;
  const aliveRate = (alpha + age) ** -(r + x);
  const droppedRate = (alpha + tx) ** -(r + x);
  const alive = aliveRate * betaExpectation((p) => (1 - p) ** x, a, b);
  const dropped = droppedRate * betaExpectation((p) => p * (1 - p) ** (x - 1), a, b);
  return alive / (alive + dropped);
}

describe("bgNbdLogLikelihood", () => {
  it("equals the likelihood evaluated directly as a product (integer x, no log-space tricks)", () => {
    const customers = [
      { x: 0, tx: 0, t: 30 },
      { x: 1, tx: 4.5, t: 38 },
      { x: 3, tx: 20, t: 35.5 },
      { x: 3, tx: 20, t: 35.5 },
      { x: 7, tx: 31, t: 32 },
    ];
    const params = { r: 0.7, alpha: 3.1, a: 1.4, b: 2.2 };
    let expected = 0;
    for (const { x, tx, t } of customers) {
      // Γ(r+x)/Γ(r) = Π(r+k) and B(a, b+x)/B(a, b) = Π (b+k)/(a+b+k) for integer x.
      let gammaRatio = 1;
      let betaRatio = 1;
      for (let k = 0; k < x; k += 1) {
        gammaRatio *= params.r + k;
        betaRatio *= (params.b + k) / (params.a + params.b + k);
      }
      const stay = (params.alpha + t) ** -(params.r + x);
      const drop = x > 0 ? (params.a / (params.b + x - 1)) * (params.alpha + tx) ** -(params.r + x) : 0;
      expected += Math.log(gammaRatio * betaRatio * params.alpha ** params.r * (stay + drop));
    }
    const data = aggregateBgNbdData({
      frequency: customers.map((c) => c.x),
      recency: customers.map((c) => c.tx),
      age: customers.map((c) => c.t),
    });
    expect(data.rows).toBe(4);
    expect(bgNbdLogLikelihood(params, data)).toBeCloseTo(expected, 10);
  });

  it("stays finite for a customer with hundreds of purchases (log-sum-exp)", () => {
    const data = aggregateBgNbdData({ frequency: [400], recency: [300], age: [310] });
    expect(Number.isFinite(bgNbdLogLikelihood(CDNOW, data))).toBe(true);
  });

  it("has an analytic gradient that matches central finite differences", () => {
    const sim = simulateBgNbdSummaries(CDNOW, { customers: 500, seed: 7, minAge: 20, maxAge: 40 });
    const data = aggregateBgNbdData(sim);
    const at = { r: 0.4, alpha: 5, a: 0.9, b: 2 };
    const gradient = [0, 0, 0, 0];
    bgNbdLogLikelihood(at, data, gradient);
    (["r", "alpha", "a", "b"] as const).forEach((name, i) => {
      const h = 1e-6 * at[name];
      const up = bgNbdLogLikelihood({ ...at, [name]: at[name] + h }, data);
      const down = bgNbdLogLikelihood({ ...at, [name]: at[name] - h }, data);
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 3);
    });
  });

  it("rejects inconsistent summaries", () => {
    expect(() => aggregateBgNbdData({ frequency: [0], recency: [3], age: [10] })).toThrow(ClvError);
    expect(() => aggregateBgNbdData({ frequency: [2], recency: [12], age: [10] })).toThrow(/t_x ≤ T/);
    expect(() => aggregateBgNbdData({ frequency: [2, 1], recency: [1], age: [10] })).toThrow(/same length/);
  });
});

describe("fitBgNbd on simulated data", () => {
  // 20,000 customers with acquisition spread over a year and observed 26-78 weeks.
  const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
  const sim = simulateBgNbdSummaries(truth, { customers: 20_000, seed: 20_240_601, minAge: 26, maxAge: 78 });

  it("recovers the generating parameters within 4 asymptotic standard errors", () => {
    const fit = fitBgNbd(sim);
    // Tolerance: the MLE is asymptotically normal with the inverse observed information as its
    // covariance, so |estimate − truth| < 4 SE fails by chance with probability ~6e−5 per
    // parameter. The SE themselves must be small (< 15% of the value) or the check means little.
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const se = fit.standardErrors[name];
      expect(se).toBeGreaterThan(0);
      expect(se / truth[name]).toBeLessThan(0.15);
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(4 * se);
    }
    expect(fit.converged).toBe(true);
    expect(fit.gradientNorm).toBeLessThan(1e-5);
  });

  it("finds the same maximum from a far-away start", () => {
    const fromHere = fitBgNbd(sim);
    const fromFar = fitBgNbd(sim, { start: { r: 5, alpha: 0.5, a: 5, b: 0.2 } });
    expect(fromFar.logLikelihood).toBeCloseTo(fromHere.logLikelihood, 4);
    expect(fromFar.params.r).toBeCloseTo(fromHere.params.r, 3);
  });

  it("throws NOT_ENOUGH_DATA with too few (repeat) customers", () => {
    const tiny = { frequency: [0, 0, 1], recency: [0, 0, 2], age: [5, 6, 7] };
    expect(() => fitBgNbd(tiny)).toThrow(expect.objectContaining({ code: "NOT_ENOUGH_DATA" }));
    const noRepeaters = { frequency: new Array(50).fill(0), recency: new Array(50).fill(0), age: new Array(50).fill(10) };
    expect(() => fitBgNbd(noRepeaters)).toThrow(expect.objectContaining({ code: "NOT_ENOUGH_DATA" }));
  });

  it("throws DID_NOT_CONVERGE rather than returning a half-way point", () => {
    expect(() => fitBgNbd(sim, { gradientTolerance: 1e-30 })).toThrow(
      expect.objectContaining({ code: "DID_NOT_CONVERGE", details: expect.objectContaining({ gradientNorm: expect.any(Number) }) }),
    );
  });
});

describe("BG/NBD predictions", () => {
  it("gives P(alive) = 1 when there is no repeat purchase, and < 1 otherwise", () => {
    expect(bgNbdProbabilityAlive(CDNOW, { frequency: 0, recency: 0, age: 39 })).toBe(1);
    expect(bgNbdProbabilityAlive(CDNOW, { frequency: 1, recency: 1, age: 39 })).toBeLessThan(1);
  });

  it("matches P(alive) from the likelihood branches computed by quadrature", () => {
    for (const [x, tx, t] of [
      [2, 30.43, 38.86],
      [2, 3, 38.86],
      [10, 35, 39],
      [1, 0.14, 30],
    ] as const) {
      const expected = pAliveByQuadrature(CDNOW, x, tx, t);
      expect(bgNbdProbabilityAlive(CDNOW, { frequency: x, recency: tx, age: t })).toBeCloseTo(expected, 6);
    }
  });

  it("is 1 − tiny, not NaN, for extreme histories (x = 500)", () => {
    const fresh = bgNbdProbabilityAlive(CDNOW, { frequency: 500, recency: 39, age: 39 });
    const lapsed = bgNbdProbabilityAlive(CDNOW, { frequency: 500, recency: 1, age: 39 });
    expect(fresh).toBeGreaterThan(0.99);
    expect(lapsed).toBeGreaterThanOrEqual(0);
    expect(lapsed).toBeLessThan(1e-100);
  });

  it("matches E[Y(t) | x, t_x, T] computed by integrating over the posterior", () => {
    const cases = [
      { params: CDNOW, x: 2, tx: 30.43, t: 38.86, horizon: 39 },
      { params: CDNOW, x: 0, tx: 0, t: 32, horizon: 52 },
      { params: CDNOW, x: 15, tx: 37, t: 38, horizon: 400 }, // z ≈ 0.9: transformed 2F1
      { params: { r: 1.3, alpha: 2, a: 2.5, b: 4 }, x: 4, tx: 10, t: 20, horizon: 10 }, // a > 1
      { params: { r: 0.6, alpha: 9, a: 1, b: 3 }, x: 1, tx: 5, t: 26, horizon: 26 }, // a = 1 limit
    ];
    for (const { params, x, tx, t, horizon } of cases) {
      const pAlive = x === 0 ? 1 : pAliveByQuadrature(params, x, tx, t);
      const expected = pAlive * expectedIfAliveByQuadrature(params, x, t, horizon);
      const actual = bgNbdExpectedPurchases(params, { frequency: x, recency: tx, age: t }, horizon);
      expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-6);
    }
  });

  it("is 0 at t = 0 and increasing in t", () => {
    const history = { frequency: 3, recency: 20, age: 38 };
    expect(bgNbdExpectedPurchases(CDNOW, history, 0)).toBe(0);
    let previous = 0;
    for (const t of [0.5, 1, 5, 13, 26, 52, 104, 260, 520, 2000]) {
      const value = bgNbdExpectedPurchases(CDNOW, history, t);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it("matches E[X(t)] by quadrature and the mean of simulated repeat purchases", () => {
    for (const t of [1, 39, 78, 520]) {
      const expected = expectedIfAliveByQuadrature(CDNOW, 0, 0, t);
      expect(Math.abs(bgNbdUnconditionalExpectedPurchases(CDNOW, t) / expected - 1)).toBeLessThan(1e-6);
    }
    // Simulation: all customers observed for exactly 39 weeks. SE of the mean of 40,000 draws is
    // about sd/200 ≈ 0.01 here, so 0.05 absolute is > 4 SE.
    const sim = simulateBgNbdSummaries(CDNOW, { customers: 40_000, seed: 99, minAge: 39, maxAge: 39 });
    const mean = sim.frequency.reduce((s, x) => s + x, 0) / sim.frequency.length;
    expect(mean).toBeCloseTo(bgNbdUnconditionalExpectedPurchases(CDNOW, 39), 1);
    expect(Math.abs(mean - bgNbdUnconditionalExpectedPurchases(CDNOW, 39))).toBeLessThan(0.05);
  });

  it("rejects a negative horizon", () => {
    expect(() => bgNbdExpectedPurchases(CDNOW, { frequency: 1, recency: 1, age: 2 }, -1)).toThrow(ClvError);
  });
});
