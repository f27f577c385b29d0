import { describe, expect, it } from "vitest";
import gammaln from "@stdlib/math-base-special-gammaln";
import { hyp2f1, hyp2f1Parts } from "../../../src/domain/clv/index.js";

/** Plain power series with a fixed, generous term count: an independent check on |z| ≤ 0.7. */
function naiveSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 5000; n += 1) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return sum;
}

describe("hyp2f1", () => {
  it("matches −ln(1−z)/z for 2F1(1, 1; 2; z), including z near 1 and z < 0", () => {
    for (const z of [0.1, 0.5, 0.9, 0.99, 0.999, -0.5, -5, -1000]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 10);
    }
  });

  it("matches (1−z)^(−a) for 2F1(a, b; b; z)", () => {
    for (const [a, z] of [
      [0.3, 0.7],
      [2.5, 0.95],
      [7, -3],
    ] as const) {
      expect(hyp2f1(a, 1.7, 1.7, z) / (1 - z) ** -a).toBeCloseTo(1, 12);
    }
  });

  it("matches arcsin, artanh and arctan closed forms", () => {
    for (const x of [0.2, 0.6, 0.95]) {
      expect(hyp2f1(0.5, 0.5, 1.5, x * x)).toBeCloseTo(Math.asin(x) / x, 12);
      expect(hyp2f1(0.5, 1, 1.5, x * x)).toBeCloseTo(Math.atanh(x) / x, 11);
    }
    for (const x of [0.5, 3, 30]) expect(hyp2f1(0.5, 1, 1.5, -x * x)).toBeCloseTo(Math.atan(x) / x, 12);
  });

  it("terminates as a polynomial when a is a non-positive integer", () => {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const b = 1.3;
    const c = 2.2;
    const z = 0.4;
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it("agrees with an independent naive series where Euler's transformation is used (a + b > c)", () => {
    for (const [a, b, c, z] of [
      [2.3, 1.7, 3.1, 0.6],
      [27.2, 29.4, 55.2, 0.5],
      [0.24, 2.4, 2.2, 0.7],
    ] as const) {
      expect(hyp2f1Parts(a, b, c, z).logScale).not.toBe(0);
      const expected = naiveSeries(a, b, c, z);
      expect(Math.abs(hyp2f1(a, b, c, z) / expected - 1)).toBeLessThan(1e-11);
    }
  });

  it("approaches Gauss's value Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) at z → 1 when c > a + b", () => {
    const [a, b, c] = [0.4, 0.7, 2.5];
    const gauss = Math.exp(gammaln(c) + gammaln(c - a - b) - gammaln(c - a) - gammaln(c - b));
    expect(hyp2f1(a, b, c, 1 - 1e-9)).toBeCloseTo(gauss, 6);
  });

  it("is continuous across the switch to the 1 − z transformation at z = 0.9", () => {
    for (const [a, b, c] of [
      [0.4, 0.7, 2.5],
      [0.243, 2.426, 2.219],
      [3.2, 1.1, 1.9],
    ] as const) {
      const below = hyp2f1(a, b, c, 0.9 - 1e-12);
      const above = hyp2f1(a, b, c, 0.9 + 1e-12);
      expect(Math.abs(above / below - 1)).toBeLessThan(1e-10);
    }
  });

  it("matches 1 − z closed forms deep inside the transformed region", () => {
    // 2F1(a, b; b; z) = (1 − z)^(−a) with c − a − b = −a non-integer.
    expect(hyp2f1(0.3, 1.7, 1.7, 0.999999) / 1e-6 ** -0.3).toBeCloseTo(1, 10);
    for (const x of [0.99, 0.99999]) expect(hyp2f1(0.5, 0.5, 1.5, x * x)).toBeCloseTo(Math.asin(x) / x, 10);
  });

  it("keeps a huge value finite in log form near z = 1 (many repeat purchases)", () => {
    const parts = hyp2f1Parts(300.2, 302.4, 603.2, 0.999);
    expect(Number.isFinite(parts.series)).toBe(true);
    // (1−z)^(c−a−b) · series with c − a − b = 0.6 here, so the log scale is modest; a + b > c flips it.
    const big = hyp2f1Parts(300.2, 302.4, 300.0, 0.999);
    expect(big.logScale).toBeGreaterThan(1000);
    expect(Number.isFinite(big.series)).toBe(true);
  });

  it("rejects z ≥ 1 and c a non-positive integer with a typed error", () => {
    const cases: [number, number, number, number][] = [
      [1, 1, 2, 1],
      [1, 1, 2, 1.5],
      [1, 1, 0, 0.5],
      [1, 1, -2, 0.5],
      [1, Number.NaN, 2, 0.5],
    ];
    for (const [a, b, c, z] of cases) {
      expect(() => hyp2f1(a, b, c, z)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    }
  });

  it("throws DID_NOT_CONVERGE instead of returning a truncated sum", () => {
    expect(() => hyp2f1(1, 1, 2, 0.999, { maxTerms: 10 })).toThrow(/did not converge/);
  });
});
