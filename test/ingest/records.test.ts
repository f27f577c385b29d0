import { describe, expect, it } from "vitest";
import { DedupKeys } from "../../src/services/ingest/dedup-key.js";
import { describeIssues, parseInstant, ZCustomerRecord, ZPurchaseRecord, ZSurveyResponseRecord } from "../../src/services/ingest/records.js";

const iso = (s: string) => parseInstant(s)?.toISOString() ?? null;

describe("parseInstant", () => {
  it("reads ISO 8601 dates and times (UTC unless an offset is given) and YYYYMMDD", () => {
    expect(iso("2024-03-01")).toBe("2024-03-01T00:00:00.000Z");
    expect(iso("20240301")).toBe("2024-03-01T00:00:00.000Z");
    expect(iso("2024-03-01T10:15:30Z")).toBe("2024-03-01T10:15:30.000Z");
    expect(iso("2024-03-01T10:15")).toBe("2024-03-01T10:15:00.000Z");
    expect(iso("2024-03-01 10:15:30.25")).toBe("2024-03-01T10:15:30.250Z");
    expect(iso("2024-03-01T09:00:00+09:00")).toBe("2024-03-01T00:00:00.000Z");
    expect(iso("2024-02-29T23:30:00-0130")).toBe("2024-03-01T01:00:00.000Z");
    expect(iso(" 2024-12-31 ")).toBe("2024-12-31T00:00:00.000Z");
  });

  it("refuses impossible dates and other formats", () => {
    for (const bad of ["2023-02-29", "20241301", "2024-04-31", "2024-03-01T24:00", "01/03/2024", "1700000000", "2024-3-1", "", "yesterday"]) {
      expect(iso(bad), bad).toBeNull();
    }
  });
});

describe("record schemas", () => {
  it("normalise amounts to exact two-decimal strings, from text and from JSON numbers", () => {
    const amount = (a: unknown) => {
      const r = ZPurchaseRecord.safeParse({ customerId: "C1", at: "2024-01-01", amount: a });
      return r.success ? r.data.amount : describeIssues(r.error, { amount: a });
    };
    expect(amount("29.33")).toBe("29.33");
    expect(amount("007.5")).toBe("7.50");
    expect(amount(5)).toBe("5.00");
    expect(amount(0.1 + 0.2)).toBe("0.30");
    expect(amount(999999999999.99)).toBe("999999999999.99");
    const hint = "amount: must be a number of 0 or more with at most 2 decimals, below 1,000,000,000,000";
    for (const bad of ["1.999", 1.999, -1, "-1", "1e3", "12,50", 1e12, "", Number.NaN, true]) expect(amount(bad), String(bad)).toBe(hint);
  });

  it("takes ids as text or whole numbers and upper-cases currencies", () => {
    const r = ZPurchaseRecord.parse({ id: 17, customerId: 42, at: 19970101, amount: 1, currency: "jpy" });
    expect(r).toEqual({ id: "17", customerId: "42", at: new Date("1997-01-01T00:00:00Z"), amount: "1.00", currency: "JPY" });
  });

  it("say which fields are missing, malformed or unknown", () => {
    const input = { customerId: null, at: "2024-13-01", amount: "x", colour: "red" };
    const r = ZPurchaseRecord.safeParse(input);
    expect(r.success).toBe(false);
    expect(describeIssues(r.error!, input)).toBe(
      "customerId: must be a text or a whole number; at: must be a date in ISO 8601 (2024-03-01, 2024-03-01T10:00:00Z) or YYYYMMDD; amount: must be a number of 0 or more with at most 2 decimals, below 1,000,000,000,000; unknown field(s) colour",
    );
    const missing = ZPurchaseRecord.safeParse({});
    expect(describeIssues(missing.error!, {})).toBe("customerId: is required; at: is required; amount: is required");
    expect(describeIssues(ZPurchaseRecord.safeParse("x").error!, "x")).toBe("must be an object");
  });

  it("check survey scores against their scale: CSAT 1-5, NPS 0-10", () => {
    const score = (kind: string, score: unknown) => {
      const input = { kind, score, at: "2024-01-01" };
      const r = ZSurveyResponseRecord.safeParse(input);
      return r.success ? r.data.score : describeIssues(r.error, input);
    };
    expect(score("nps", 0)).toBe(0);
    expect(score("NPS", "10")).toBe(10);
    expect(score("csat", 1)).toBe(1);
    expect(score("csat", 0)).toBe("score: must be 1-5 for csat");
    expect(score("nps", 11)).toBe("score: must be 0-10 for nps");
    expect(score("nps", 7.5)).toBe("score: must be a whole number");
    expect(score("ces", 3)).toBe('kind: must be "csat" or "nps"');
  });

  it("customers: null clears a field, an omitted field stays undefined (kept)", () => {
    expect(ZCustomerRecord.parse({ id: "C1", churnedAt: null, name: "" })).toEqual({ id: "C1", churnedAt: null, name: null });
    expect(ZCustomerRecord.parse({ id: " C1 " })).toEqual({ id: "C1" });
  });
});

describe("DedupKeys", () => {
  it("uses the external id when there is one, else the fields' hash numbered by occurrence", () => {
    const keys = new DedupKeys();
    expect(keys.key("P1", ["a"])).toBe("id:P1");
    const first = keys.key(null, ["purchase", "C1", "2024-01-01T00:00:00.000Z", "10.00", ""]);
    const second = keys.key(undefined, ["purchase", "C1", "2024-01-01T00:00:00.000Z", "10.00", ""]);
    const other = keys.key(null, ["purchase", "C1", "2024-01-01T00:00:00.000Z", "10.01", ""]);
    expect(first).toMatch(/^h:[A-Za-z0-9_-]{22}:1$/);
    expect(second).toBe(first.replace(/:1$/, ":2"));
    expect(other).toMatch(/:1$/);
    expect(other).not.toBe(first);
    // A fresh sequence (the same file again) gives the same keys.
    const again = new DedupKeys();
    expect([again.key(null, ["purchase", "C1", "2024-01-01T00:00:00.000Z", "10.00", ""]), again.key(null, ["purchase", "C1", "2024-01-01T00:00:00.000Z", "10.00", ""])]).toEqual([
      first,
      second,
    ]);
    // Field boundaries matter: "a|bc" is not "ab|c".
    expect(new DedupKeys().key(null, ["ab", "c"])).not.toBe(new DedupKeys().key(null, ["a", "bc"]));
  });
});
