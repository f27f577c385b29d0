import { readFileSync } from "node:fs";
import { CDNOW_SAMPLE } from "../../helpers/fixtures.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdUnconditionalExpectedPurchases,
  buildCustomerSummaries,
  epochDayOf,
  fitBgNbd,
  fitGammaGamma,
  type CustomerSummaries,
  type Purchase,
} from "../../../src/domain/clv/index.js";

/** customer_id sample_id YYYYMMDD cds dollars, whitespace separated. */
function parseCdnow(text: string): Purchase[] {
  const rows: Purchase[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const [customerId, , date, , dollars] = fields as [string, string, string, string, string];
    const ymd = Number(date);
    rows.push({
      customerId,
      at: epochDayOf(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100),
      amount: Number(dollars),
    });
  }
  return rows;
}

describe("CDNOW sample against Fader, Hardie & Lee (2005)", () => {
  let purchases: Purchase[];
  let summaries: CustomerSummaries;

  beforeAll(() => {
    purchases = parseCdnow(readFileSync(CDNOW_SAMPLE, "utf8"));
    summaries = buildCustomerSummaries(purchases, { asOf: new Date(Date.UTC(1997, 8, 30)), unitDays: 7 });
  });

  it("summarises 6,919 rows into 2,357 customers, 1,411 without a repeat purchase", () => {
    expect(purchases).toHaveLength(6919);
    expect(summaries.size).toBe(2357);
    expect(summaries.frequency.filter((x) => x === 0)).toHaveLength(1411);
    // Calibration ends 1997-09-30; the cohort joined in Q1 1997 (the file starts on 1 January),
    // so T runs from at least 183 days (31 March) to exactly 272 days, in weeks.
    expect(Math.max(...summaries.age)).toBeCloseTo(272 / 7, 10);
    expect(Math.min(...summaries.age)).toBeGreaterThanOrEqual(183 / 7);
  });

  it("fits BG/NBD to the published r, α, a, b (within 1%) and log-likelihood (within 0.5)", () => {
    const fit = fitBgNbd(summaries);
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.01);
    }
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.5);
    expect(fit.converged).toBe(true);
  });

  it("fits Gamma-Gamma on the 946 repeat customers to the published p, q, γ (within 1%)", () => {
    const fit = fitGammaGamma(summaries);
    expect(fit.customers).toBe(946);
    const published = { p: 6.25, q: 3.74, gamma: 15.44 };
    for (const name of ["p", "q", "gamma"] as const) {
      expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.01);
    }
  });

  it("ranks a recent repeat buyer above a lapsed one with the same x (P(alive) and E[Y(39)])", () => {
    const { params } = fitBgNbd(summaries);
    const recent = { frequency: 2, recency: 30.43, age: 38.86 };
    const lapsed = { frequency: 2, recency: 3, age: 38.86 };
    expect(bgNbdProbabilityAlive(params, recent)).toBeGreaterThan(bgNbdProbabilityAlive(params, lapsed));
    expect(bgNbdExpectedPurchases(params, recent, 39)).toBeGreaterThan(bgNbdExpectedPurchases(params, lapsed, 39));
  });

  it("predicts total repeat purchases over the calibration period close to what happened", () => {
    // Sum over customers of E[X(T_i)] must match the observed total closely at the MLE (the
    // paper's Figure 1 tracks it); a fit or E[X] bug shifts this by far more than 2%.
    const { params } = fitBgNbd(summaries);
    const observed = summaries.frequency.reduce((s, x) => s + x, 0);
    let expected = 0;
    for (const t of summaries.age) {
      expected += bgNbdUnconditionalExpectedPurchases(params, t);
    }
    expect(Math.abs(expected / observed - 1)).toBeLessThan(0.02);
  });
});
