import { describe, expect, it } from "vitest";
import { looksLikePeriod, parsePeriod } from "../../src/domain/kpi/parse-period.js";

// Expected ranges worked out from a calendar: [from, to), `to` exclusive. 2026-11-04 is a Wednesday.
const TODAY = "2026-11-04";
const range = (from: string, to: string) => ({ ok: true, range: { from, to } });

describe("parsePeriod: the period words of /kpi, GET /api/v1/kpis and npm run kpi", () => {
  it("reads months, quarters, ISO weeks and day ranges", () => {
    expect(parsePeriod("2026-10", TODAY)).toEqual(range("2026-10-01", "2026-11-01"));
    expect(parsePeriod("2026-12", TODAY)).toEqual(range("2026-12-01", "2027-01-01"));
    expect(parsePeriod("2024-02", TODAY)).toEqual(range("2024-02-01", "2024-03-01"));
    expect(parsePeriod("2026-Q3", TODAY)).toEqual(range("2026-07-01", "2026-10-01"));
    expect(parsePeriod("2026-q4", TODAY)).toEqual(range("2026-10-01", "2027-01-01"));
    expect(parsePeriod("2026-Q1", TODAY)).toEqual(range("2026-01-01", "2026-04-01"));
    // ISO 8601: week 1 holds the year's first Thursday; weeks run Monday to Sunday.
    expect(parsePeriod("2026-W44", TODAY)).toEqual(range("2026-10-26", "2026-11-02"));
    expect(parsePeriod("2026-W01", TODAY)).toEqual(range("2025-12-29", "2026-01-05"));
    expect(parsePeriod("2021-W01", TODAY)).toEqual(range("2021-01-04", "2021-01-11"));
    expect(parsePeriod("2026-W53", TODAY)).toEqual(range("2026-12-28", "2027-01-04")); // 2026 starts on a Thursday: 53 weeks
    expect(parsePeriod("2026-10-01..2026-11-01", TODAY)).toEqual(range("2026-10-01", "2026-11-01"));
    expect(parsePeriod("2026-10-05..2026-10-06", TODAY)).toEqual(range("2026-10-05", "2026-10-06"));
  });

  it("reads last-week, last-month and last-quarter as the complete one before today's", () => {
    expect(parsePeriod("last-week", TODAY)).toEqual(range("2026-10-26", "2026-11-02"));
    expect(parsePeriod("LAST-WEEK", "2026-11-02")).toEqual(range("2026-10-26", "2026-11-02")); // on a Monday
    expect(parsePeriod("last-week", "2026-11-01")).toEqual(range("2026-10-19", "2026-10-26")); // on a Sunday
    expect(parsePeriod("last-month", TODAY)).toEqual(range("2026-10-01", "2026-11-01"));
    expect(parsePeriod("last-month", "2026-01-31")).toEqual(range("2025-12-01", "2026-01-01"));
    expect(parsePeriod("last-month", "2024-03-31")).toEqual(range("2024-02-01", "2024-03-01"));
    expect(parsePeriod("last-quarter", TODAY)).toEqual(range("2026-07-01", "2026-10-01"));
    expect(parsePeriod("last-quarter", "2026-01-01")).toEqual(range("2025-10-01", "2026-01-01"));
  });

  it("refuses words shaped like a period that are none", () => {
    for (const word of [
      "2026-13",
      "2026-00",
      "2026-Q5",
      "2026-Q0",
      "2025-W53",
      "2026-W00",
      "2026-W54",
      "2026-02-30..2026-03-01",
      "2026-11-01..2026-10-01",
      "2026-10-01..2026-10-01",
      "2026-10-01",
      "last-year",
      "last-",
      "2026-1",
    ]) {
      expect(parsePeriod(word, TODAY), word).toEqual({ ok: false });
    }
  });

  it("tells period words from segment names", () => {
    for (const word of ["2026-10", "2026-13", "2026-Q3", "last-month", "last-decade", "2026-10-01..2026-11-01"]) expect(looksLikePeriod(word), word).toBe(true);
    for (const word of ["Pro", "enterprise", "2026", "q3", "lastminute", "B2B-2026"]) expect(looksLikePeriod(word), word).toBe(false);
  });
});
