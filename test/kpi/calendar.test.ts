import { describe, expect, it } from "vitest";
import { addDays, defaultPeriod, isDay, laterDay, localDay, previousPeriod, startOfDay } from "../../src/domain/time/calendar.js";
import { cohortTriangle } from "../../src/domain/kpi/cohorts.js";
import { nps, ratio, retentionRate, churnRate } from "../../src/domain/kpi/formulas.js";

describe("KPI calendar", () => {
  it("a local day starts at local midnight: Tokyo is UTC+9, New York shifts with DST", () => {
    expect(startOfDay("2024-03-11", "Asia/Tokyo").toISOString()).toBe("2024-03-10T15:00:00.000Z");
    expect(startOfDay("2024-03-11", "UTC").toISOString()).toBe("2024-03-11T00:00:00.000Z");
    expect(startOfDay("2024-03-10", "America/New_York").toISOString()).toBe("2024-03-10T05:00:00.000Z"); // EST
    expect(startOfDay("2024-03-11", "America/New_York").toISOString()).toBe("2024-03-11T04:00:00.000Z"); // EDT
    // Santiago skips midnight on 2024-09-08: the day starts at 01:00 local (04:00 UTC)
    expect(startOfDay("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(localDay(new Date("2024-03-10T23:30:00Z"), "Asia/Tokyo")).toBe("2024-03-11");
    expect(localDay(new Date("2024-03-10T23:30:00Z"), "UTC")).toBe("2024-03-10");
  });

  it("the later of two days, across month and year ends, whichever comes first", () => {
    expect(laterDay("2024-03-11", "2024-03-10")).toBe("2024-03-11");
    expect(laterDay("2024-02-29", "2024-03-01")).toBe("2024-03-01");
    expect(laterDay("2025-01-01", "2024-12-31")).toBe("2025-01-01");
    expect(laterDay("2024-12-31", "2024-12-31")).toBe("2024-12-31");
  });

  it("default period: the last 4 complete Monday-based weeks, and the 4 before", () => {
    // Wednesday 2024-03-13 in UTC: current week started Monday 03-11
    expect(defaultPeriod(new Date("2024-03-13T10:00:00Z"), "UTC")).toEqual({ from: "2024-02-12", to: "2024-03-11" });
    // On a Monday the week before is complete
    expect(defaultPeriod(new Date("2024-03-11T00:00:00Z"), "UTC")).toEqual({ from: "2024-02-12", to: "2024-03-11" });
    // Sunday 23:30 UTC is already Monday in Tokyo
    expect(defaultPeriod(new Date("2024-03-10T23:30:00Z"), "UTC")).toEqual({ from: "2024-02-05", to: "2024-03-04" });
    expect(defaultPeriod(new Date("2024-03-10T23:30:00Z"), "Asia/Tokyo")).toEqual({ from: "2024-02-12", to: "2024-03-11" });
    expect(previousPeriod({ from: "2024-02-12", to: "2024-03-11" })).toEqual({ from: "2024-01-15", to: "2024-02-12" });
    expect(addDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(isDay("2024-02-30")).toBe(false);
    expect(isDay("2024-02-29")).toBe(true);
  });

  it("rates are null, not 0 or NaN, when undefined", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(retentionRate(0, 0)).toBeNull();
    expect(churnRate(0, 0)).toBeNull();
    expect(churnRate(3, 4)).toBe(0.25);
    expect(nps(3, 1, 5)).toBe(0.4);
    expect(nps(0, 0, 0)).toBeNull();
  });

  it("cohort triangle: month offsets up to the last whole month", () => {
    const r = cohortTriangle({
      from: "2024-01-01",
      to: "2024-04-01",
      timeZone: "UTC",
      segment: null,
      rows: [
        { cohort: "2024-01", month: null, n: 4 },
        { cohort: "2024-01", month: "2024-01", n: 4 },
        { cohort: "2024-01", month: "2024-03", n: 1 },
        { cohort: "2024-03", month: null, n: 2 },
        { cohort: "2024-03", month: "2024-03", n: 1 },
      ],
    });
    expect(r.cohorts).toEqual([
      { cohortMonth: "2024-01", size: 4, active: [4, 0, 1], shares: [1, 0, 0.25] },
      { cohortMonth: "2024-03", size: 2, active: [1], shares: [0.5] },
    ]);
  });
});
