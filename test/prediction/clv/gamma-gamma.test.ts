import { describe, expect, it } from "vitest";
import gammaln from "@stdlib/math-base-special-gammaln";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, type GammaGammaParams } from "../../../src/domain/clv/index.js";
import { simulateAverageSpend, simulateBgNbdSummaries } from "../../../src/domain/clv/simulate.js";

const logGammaPdf = (v: number, shape: number, rate: number) => shape * Math.log(rate) - gammaln(shape) + (shape - 1) * Math.log(v) - rate * v;

/**
 * Density of a customer's mean spend m̄ over x purchases, integrating the latent ν numerically:
 * x·m̄ | ν ~ Gamma(px, ν), so m̄ | ν ~ Gamma(px, xν), and ν ~ Gamma(q, γ). Trapezoid in ln ν,
 * which is spectrally accurate for this smooth, fast-decaying integrand.
 */
function logDensityByQuadrature({ p, q, gamma }: GammaGammaParams, x: number, mbar: number): number {
  const steps = 40_000;
  const lo = -25;
  const hi = 10;
  const h = (hi - lo) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i += 1) {
    const nu = Math.exp(lo + i * h);
    const weight = i === 0 || i === steps ? 0.5 : 1;
    sum += weight * Math.exp(logGammaPdf(mbar, p * x, x * nu) + logGammaPdf(nu, q, gamma)) * nu;
  }
  return Math.log(sum * h);
}

describe("gammaGammaLogLikelihood", () => {
  it("equals the log of the mean-spend density integrated over ν numerically", () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const frequency = [1, 2, 7, 0];
    const averageRepeatSpend = [12.5, 40, 25.25, Number.NaN];
    const expected = [0, 1, 2].reduce((s, i) => s + logDensityByQuadrature(params, frequency[i] as number, averageRepeatSpend[i] as number), 0);
    expect(gammaGammaLogLikelihood(params, { frequency, averageRepeatSpend })).toBeCloseTo(expected, 8);
  });

  it("has a gradient matching finite differences", () => {
    const input = { frequency: [1, 2, 7, 3], averageRepeatSpend: [12.5, 40, 25.25, 18] };
    const at = { p: 3, q: 2.5, gamma: 20 };
    const gradient = [0, 0, 0];
    gammaGammaLogLikelihood(at, input, gradient);
    (["p", "q", "gamma"] as const).forEach((name, i) => {
      const h = 1e-6 * at[name];
      const up = gammaGammaLogLikelihood({ ...at, [name]: at[name] + h }, input);
      const down = gammaGammaLogLikelihood({ ...at, [name]: at[name] - h }, input);
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });
});

describe("fitGammaGamma", () => {
  it("recovers simulated parameters within 4 asymptotic standard errors", () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const { frequency } = simulateBgNbdSummaries({ r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 20_000, seed: 11, minAge: 26, maxAge: 78 });
    const averageRepeatSpend = simulateAverageSpend(truth, frequency, 12);
    const fit = fitGammaGamma({ frequency, averageRepeatSpend });
    // Same reasoning as for BG/NBD: asymptotic normality of the MLE; < 0.006% chance per parameter.
    expect(fit.customers).toBeGreaterThan(5000);
    for (const name of ["p", "q", "gamma"] as const) {
      const se = fit.standardErrors[name];
      expect(se / truth[name]).toBeLessThan(0.15);
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(4 * se);
    }
  });

  it("leaves out repeat customers with non-positive spend and reports them", () => {
    const { frequency } = simulateBgNbdSummaries({ r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 3000, seed: 5, minAge: 26, maxAge: 78 });
    const spend = simulateAverageSpend({ p: 6, q: 4, gamma: 15 }, frequency, 6);
    const firstRepeater = frequency.findIndex((x) => x > 0);
    spend[firstRepeater] = 0;
    const fit = fitGammaGamma({ frequency, averageRepeatSpend: spend });
    expect(fit.excludedCustomers).toBe(1);
    expect(fit.customers).toBe(frequency.filter((x) => x > 0).length - 1);
  });

  it("throws NOT_ENOUGH_DATA below the minimum number of repeat customers", () => {
    expect(() => fitGammaGamma({ frequency: [0, 1, 2], averageRepeatSpend: [Number.NaN, 10, 20] })).toThrow(expect.objectContaining({ code: "NOT_ENOUGH_DATA" }));
  });
});

describe("gammaGammaExpectedSpend", () => {
  const params = { p: 6.25, q: 3.74, gamma: 15.44 };

  it("matches the worked example p(γ + x·m̄)/(px + q − 1)", () => {
    // x = 2, m̄ = 30: 6.25 · (15.44 + 60) / (12.5 + 3.74 − 1) = 471.5 / 15.24
    expect(gammaGammaExpectedSpend(params, 2, 30)).toBeCloseTo(471.5 / 15.24, 12);
  });

  it("is the population mean pγ/(q−1) for x = 0 and moves toward m̄ as x grows", () => {
    const population = (6.25 * 15.44) / 2.74;
    expect(gammaGammaExpectedSpend(params, 0, Number.NaN)).toBeCloseTo(population, 12);
    const few = gammaGammaExpectedSpend(params, 1, 100);
    const many = gammaGammaExpectedSpend(params, 50, 100);
    expect(few).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(100);
  });

  it("throws INVALID_INPUT when the expectation does not exist (q ≤ 1, x = 0)", () => {
    expect(() => gammaGammaExpectedSpend({ p: 2, q: 0.9, gamma: 10 }, 0, Number.NaN)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});
