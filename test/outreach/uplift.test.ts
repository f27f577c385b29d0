import randomBeta from "@stdlib/random-base-beta";
import randomGamma from "@stdlib/random-base-gamma";
import { describe, expect, it } from "vitest";
import { bgNbdProbabilityAlive, bgNbdProbabilityOfPurchase, type BgNbdParams } from "../../src/domain/clv/index.js";
import { measureUplift, MIN_UPLIFT_CASES, wilsonInterval, type UpliftCase } from "../../src/domain/outreach/uplift.js";
import { outreachOutcome, windowClosed } from "../../src/domain/outreach/outcome.js";
import { mulberry32 } from "../helpers/seeded-random.js";

describe("P(at least one purchase in t) under BG/NBD", () => {
  // CDNOW parameters published by Fader, Hardie & Lee (2005), weeks.
  const cdnow: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it("is P(alive) × (1 − ((α+T)/(α+T+t))^(r+x)), worked by hand for x = 2, t_x = 30.43, T = 38.86, t = 39", () => {
    const history = { frequency: 2, recency: 30.43, age: 38.86 };
    expect(bgNbdProbabilityAlive(cdnow, history)).toBeCloseTo(0.72657857, 7);
    expect(bgNbdProbabilityOfPurchase(cdnow, history, 39)).toBeCloseTo(0.55462714, 7);
  });

  it("for a customer with no repeat purchase and T = 0 it is the prior's 1 − (α/(α+t))^r; zero for t = 0; below P(alive) always", () => {
    expect(bgNbdProbabilityOfPurchase(cdnow, { frequency: 0, recency: 0, age: 0 }, 39)).toBeCloseTo(0.42621365, 7);
    expect(bgNbdProbabilityOfPurchase(cdnow, { frequency: 3, recency: 10, age: 40 }, 0)).toBe(0);
    const h = { frequency: 5, recency: 20, age: 60 };
    expect(bgNbdProbabilityOfPurchase(cdnow, h, 1e6)).toBeLessThanOrEqual(bgNbdProbabilityAlive(cdnow, h));
    expect(() => bgNbdProbabilityOfPurchase(cdnow, h, -1)).toThrow(/horizon/);
  });
});

describe("the uplift statistic", () => {
  it("Wilson's interval for 8 of 10 is the published [0.4902, 0.9433]", () => {
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.49016247, 7);
    expect(high).toBeCloseTo(0.94331785, 7);
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });

  it("a hand-computed case: 5 of 12 returned where the model expected 25% each: uplift +16.7 points, interval [−5.67, +43.05]", () => {
    const cases: UpliftCase[] = Array.from({ length: 12 }, (_, i) => ({ returned: i < 5, pReturn: 0.25 }));
    const u = measureUplift(cases);
    expect(u.tooFew).toBe(false);
    if (u.tooFew) return;
    expect(u).toMatchObject({ cases: 12, returned: 5 });
    expect(u.observedRate).toBeCloseTo(5 / 12, 12);
    expect(u.expectedRate).toBeCloseTo(0.25, 12);
    expect(u.uplift).toBeCloseTo(1 / 6, 12);
    expect(u.low).toBeCloseTo(-0.05673969, 7);
    expect(u.high).toBeCloseTo(0.43048869, 7);
  });

  it("below the minimum number of cases it says too few, with no rate or uplift", () => {
    const cases = Array.from({ length: MIN_UPLIFT_CASES - 1 }, () => ({ returned: true, pReturn: 0.1 }));
    expect(measureUplift(cases)).toEqual({ tooFew: true, cases: MIN_UPLIFT_CASES - 1, minCases: MIN_UPLIFT_CASES });
    expect(measureUplift([])).toEqual({ tooFew: true, cases: 0, minCases: MIN_UPLIFT_CASES });
  });
});

/**
 * Customers that follow BG/NBD exactly: each gets a history over T weeks and a natural future over the next `window`
 * weeks. Outreach wins back a share `effect` of those who would not have bought anyway, so the true uplift for these
 * customers is effect × mean(1 − P(return)), with P(return) the model's (true parameters) probability.
 */
function simulatedOutreach(params: BgNbdParams, opts: { customers: number; seed: number; window: number; effect: number }) {
  const gamma = randomGamma.factory({ seed: opts.seed });
  const beta = randomBeta.factory({ seed: opts.seed + 1 });
  const uniform = mulberry32(opts.seed + 2);
  const cases: UpliftCase[] = [];
  let trueUplift = 0;
  for (let i = 0; i < opts.customers; i += 1) {
    const T = 26 + uniform() * 26;
    const lambda = gamma(params.r, params.alpha);
    const p = beta(params.a, params.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    let naturalReturn = false;
    for (;;) {
      t += gamma(1, lambda);
      if (t > T + opts.window) break;
      if (t > T) {
        naturalReturn = true;
        break;
      }
      x += 1;
      tx = t;
      if (uniform() < p) break;
    }
    const history = { frequency: x, recency: tx, age: T };
    // Only customers the bot would list as at risk are contacted.
    if (x === 0 || bgNbdProbabilityAlive(params, history) >= 0.5) continue;
    const pReturn = bgNbdProbabilityOfPurchase(params, history, opts.window);
    const wonBack = !naturalReturn && uniform() < opts.effect;
    cases.push({ returned: naturalReturn || wonBack, pReturn });
    trueUplift += opts.effect * (1 - pReturn);
  }
  return { cases, trueUplift: trueUplift / cases.length };
}

describe("the uplift statistic on simulated customers with a known effect", () => {
  const params: BgNbdParams = { r: 0.8, alpha: 5, a: 0.8, b: 2.5 };
  const window = 30 / 7;

  it("recovers a 20% win-back effect within its interval (seed 7)", () => {
    const { cases, trueUplift } = simulatedOutreach(params, { customers: 6000, seed: 7, window, effect: 0.2 });
    const u = measureUplift(cases);
    if (u.tooFew) throw new Error("expected enough cases");
    expect(u.cases).toBeGreaterThan(200);
    expect(trueUplift).toBeGreaterThan(0.15);
    expect(u.low).toBeLessThanOrEqual(trueUplift);
    expect(u.high).toBeGreaterThanOrEqual(trueUplift);
    expect(u.low).toBeGreaterThan(0);
  });

  it("with no effect the interval holds zero, and over 200 seeds it covers the true uplift at least 93% of the time (nominal 95%)", () => {
    const none = measureUplift(simulatedOutreach(params, { customers: 6000, seed: 8, window, effect: 0 }).cases);
    if (none.tooFew) throw new Error("expected enough cases");
    expect(none.low).toBeLessThanOrEqual(0);
    expect(none.high).toBeGreaterThanOrEqual(0);
    let covered = 0;
    const runs = 200;
    for (let seed = 100; seed < 100 + runs; seed += 1) {
      const { cases, trueUplift } = simulatedOutreach(params, { customers: 600, seed: seed * 3, window, effect: 0.15 });
      const u = measureUplift(cases);
      if (!u.tooFew && u.low <= trueUplift && trueUplift <= u.high) covered += 1;
    }
    expect(covered / runs).toBeGreaterThanOrEqual(0.93);
  });
});

describe("a contact's outcome", () => {
  const contactedAt = new Date("2026-10-01T00:00:00Z");
  it("is returned once a purchase falls in the window, pending before the window closes without one, not returned after", () => {
    expect(outreachOutcome({ contactedAt, windowDays: 30, returnedAt: new Date("2026-10-05T00:00:00Z") }, new Date("2026-10-06T00:00:00Z"))).toBe("returned");
    expect(outreachOutcome({ contactedAt, windowDays: 30, returnedAt: null }, new Date("2026-10-30T23:59:59Z"))).toBe("pending");
    expect(outreachOutcome({ contactedAt, windowDays: 30, returnedAt: null }, new Date("2026-10-31T00:00:00Z"))).toBe("not_returned");
    expect(windowClosed({ contactedAt, windowDays: 30 }, new Date("2026-10-30T23:59:59Z"))).toBe(false);
  });
});
