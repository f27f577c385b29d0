import { describe, expect, it } from "vitest";
import { buildCustomerSummaries, epochDayOf, SummaryBuilder, toEpochDay, type Purchase } from "../../../src/domain/clv/index.js";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("buildCustomerSummaries", () => {
  // Worked by hand. asOf 2024-01-29, unit week (7 days).
  const purchases: Purchase[] = [
    // ann: first day 2024-01-01 (two rows, same day → counted once, both excluded from spend),
    // repeats on 01-08 (10 + 5 = 15) and 01-22 (30); a row on 02-05 is after asOf.
    { customerId: "ann", at: day("2024-01-22"), amount: 30 },
    { customerId: "ann", at: new Date("2024-01-01T23:59:59Z"), amount: 100 },
    { customerId: "ann", at: day("2024-01-08"), amount: 10 },
    { customerId: "ann", at: day("2024-01-01"), amount: 50 },
    { customerId: "ann", at: new Date("2024-01-08T13:00:00Z"), amount: 5 },
    { customerId: "ann", at: day("2024-02-05"), amount: 999 },
    // bob: one purchase only.
    { customerId: "bob", at: epochDayOf(2024, 1, 15), amount: 20 },
    // cat: first purchase after asOf → not a customer of this calibration period.
    { customerId: "cat", at: day("2024-02-01"), amount: 40 },
  ];

  it("counts distinct repeat days and measures recency and age in units from the first day", () => {
    const s = buildCustomerSummaries(purchases, { asOf: day("2024-01-29") });
    expect(s.customerIds).toEqual(["ann", "bob"]);
    expect([...s.frequency]).toEqual([2, 0]);
    expect([...s.recency]).toEqual([3, 0]); // 01-22 − 01-01 = 21 days
    expect([...s.age]).toEqual([4, 2]); // 28 and 14 days
    expect(s.averageRepeatSpend[0]).toBe((15 + 30) / 2);
    expect(s.averageRepeatSpend[1]).toBeNaN();
    expect([...s.firstPurchaseDay]).toEqual([epochDayOf(2024, 1, 1), epochDayOf(2024, 1, 15)]);
  });

  it("treats asOf as an inclusive day and honours unitDays", () => {
    const s = buildCustomerSummaries(purchases, { asOf: new Date("2024-02-05T08:00:00Z"), unitDays: 1 });
    expect(s.customerIds).toEqual(["ann", "bob", "cat"]);
    expect([...s.frequency]).toEqual([3, 0, 0]);
    expect([...s.recency]).toEqual([35, 0, 0]);
    expect([...s.age]).toEqual([35, 21, 4]);
    expect(s.averageRepeatSpend[0]).toBeCloseTo((15 + 30 + 999) / 3, 12);
  });

  it("gives the same result for any row order and for the streaming builder", () => {
    const asOf = epochDayOf(2024, 1, 29);
    const forward = buildCustomerSummaries(purchases, { asOf });
    const reversed = buildCustomerSummaries([...purchases].reverse(), { asOf });
    const builder = new SummaryBuilder({ asOf });
    for (const p of purchases) builder.add(p.customerId, p.at, p.amount);
    const streamed = builder.build();
    const byId = (s: typeof forward) => Object.fromEntries(s.customerIds.map((id, i) => [id, [s.frequency[i], s.recency[i], s.age[i], s.averageRepeatSpend[i]]]));
    expect(byId(reversed)).toEqual(byId(forward));
    expect(byId(streamed)).toEqual(byId(forward));
  });

  it("handles customers with many rows (sorting path) and growth past the initial buffer", () => {
    const rows: Purchase[] = [];
    for (let i = 0; i < 3000; i += 1) rows.push({ customerId: "big", at: 19_000 + ((i * 7919) % 100), amount: 1 });
    const s = buildCustomerSummaries(rows, { asOf: 19_200, unitDays: 1 });
    expect(s.frequency[0]).toBe(99);
    expect(s.recency[0]).toBe(99);
    expect(s.age[0]).toBe(200);
    expect(s.averageRepeatSpend[0]).toBeCloseTo((3000 - 30) / 99, 12);
  });

  it("rejects millisecond timestamps, fractional days, non-finite amounts and bad units", () => {
    expect(() => toEpochDay(Date.UTC(2024, 0, 1))).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => toEpochDay(19_000.5)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => buildCustomerSummaries([{ customerId: "x", at: 19_000, amount: Number.NaN }], { asOf: 19_001 })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => new SummaryBuilder({ asOf: 19_000, unitDays: 0 })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});
