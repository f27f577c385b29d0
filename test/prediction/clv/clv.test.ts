import { describe, expect, it } from "vitest";
import { bgNbdExpectedPurchases, bgNbdProbabilityAlive, customerLifetimeValue, gammaGammaExpectedSpend, scoreCustomers } from "../../../src/domain/clv/index.js";
import { simulateAverageSpend, simulateBgNbdSummaries } from "../../../src/domain/clv/simulate.js";

const models = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
};
const customer = { frequency: 3, recency: 30, age: 38, averageRepeatSpend: 42 };
const month = 52 / 12;

describe("customerLifetimeValue", () => {
  it("without discounting equals E[M] · E[Y(horizon)] (the period sums telescope)", () => {
    const clv = customerLifetimeValue(models, customer, { periods: 12, periodLength: month, discountRate: 0 });
    const expected = gammaGammaExpectedSpend(models.gammaGamma, 3, 42) * bgNbdExpectedPurchases(models.bgNbd, customer, 52);
    expect(clv).toBeCloseTo(expected, 10);
  });

  it("discounts each period's expected purchases at the end of the period", () => {
    const d = 0.02;
    let expected = 0;
    for (let k = 1; k <= 6; k += 1) {
      const inPeriod = bgNbdExpectedPurchases(models.bgNbd, customer, k * month) - bgNbdExpectedPurchases(models.bgNbd, customer, (k - 1) * month);
      expected += inPeriod / (1 + d) ** k;
    }
    expected *= 0.3 * gammaGammaExpectedSpend(models.gammaGamma, 3, 42);
    const clv = customerLifetimeValue(models, customer, { periods: 6, periodLength: month, discountRate: d, margin: 0.3 });
    expect(clv).toBeCloseTo(expected, 10);
    expect(clv).toBeLessThan(customerLifetimeValue(models, customer, { periods: 6, periodLength: month, discountRate: 0, margin: 0.3 }));
  });

  it("rejects nonsense options", () => {
    for (const options of [
      { periods: 0, periodLength: month, discountRate: 0 },
      { periods: 1.5, periodLength: month, discountRate: 0 },
      { periods: 12, periodLength: -1, discountRate: 0 },
      { periods: 12, periodLength: month, discountRate: -1 },
    ]) {
      expect(() => customerLifetimeValue(models, customer, options)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    }
  });
});

describe("scoreCustomers", () => {
  it("agrees with the one-customer functions for every customer", () => {
    const sim = simulateBgNbdSummaries(models.bgNbd, { customers: 300, seed: 3, minAge: 27, maxAge: 39 });
    const averageRepeatSpend = simulateAverageSpend(models.gammaGamma, sim.frequency, 4);
    const options = { periods: 12, periodLength: month, discountRate: 0.01 };
    const scores = scoreCustomers(models, { ...sim, averageRepeatSpend }, options);
    for (let i = 0; i < 300; i += 1) {
      const one = {
        frequency: sim.frequency[i] as number,
        recency: sim.recency[i] as number,
        age: sim.age[i] as number,
        averageRepeatSpend: averageRepeatSpend[i] as number,
      };
      expect(scores.probabilityAlive[i]).toBe(bgNbdProbabilityAlive(models.bgNbd, one));
      expect(scores.expectedPurchases[i]).toBeCloseTo(bgNbdExpectedPurchases(models.bgNbd, one, 52), 12);
      expect(scores.lifetimeValue[i]).toBeCloseTo(customerLifetimeValue(models, one, options), 9);
    }
  });
});
