import { describe, expect, it } from "vitest";
import { parseSubscribe } from "../../src/domain/digest/parse-subscribe.js";
import { nextRunAfter, occurrencesBetween, periodBefore, type DigestSchedule } from "../../src/domain/digest/schedule.js";
import { fromWallTime } from "../../src/domain/time/calendar.js";

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe("wall time in a time zone", () => {
  it("maps local times to instants, across both daylight-saving changes", () => {
    expect(iso(fromWallTime({ year: 2026, month: 11, day: 23, hour: 9, minute: 0 }, "Asia/Tokyo"))).toBe("2026-11-23T00:00:00.000Z");
    // New York, Nov 1 2026: 01:30 happens twice (EDT, then EST): the first one.
    expect(iso(fromWallTime({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
    // New York, Mar 8 2026: 02:30 never happens; it runs at 03:30 EDT.
    expect(iso(fromWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
    // London, Oct 25 2026: 01:30 BST comes first.
    expect(iso(fromWallTime({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, "Europe/London"))).toBe("2026-10-25T00:30:00.000Z");
    // Sydney, Oct 4 2026: 02:30 is skipped; 03:30 AEDT.
    expect(iso(fromWallTime({ year: 2026, month: 10, day: 4, hour: 2, minute: 30 }, "Australia/Sydney"))).toBe("2026-10-03T16:30:00.000Z");
  });
});

describe("occurrences of a schedule", () => {
  it("a daily 09:00 New York digest moves from 13:00 to 14:00 UTC when DST ends", () => {
    const s: DigestSchedule = { frequency: "daily", day: null, time: "09:00", timeZone: "America/New_York" };
    expect(occurrencesBetween(s, at("2026-10-29T00:00:00Z"), at("2026-11-04T23:59:00Z")).map(iso)).toEqual([
      "2026-10-29T13:00:00.000Z",
      "2026-10-30T13:00:00.000Z",
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
      "2026-11-03T14:00:00.000Z",
      "2026-11-04T14:00:00.000Z",
    ]);
  });

  it("weekly on Mondays, monthly on the 1st, in several zones", () => {
    const ny: DigestSchedule = { frequency: "weekly", day: 1, time: "09:00", timeZone: "America/New_York" };
    expect(occurrencesBetween(ny, at("2026-10-20T00:00:00Z"), at("2026-11-10T00:00:00Z")).map(iso)).toEqual([
      "2026-10-26T13:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
      "2026-11-09T14:00:00.000Z",
    ]);
    const sydney: DigestSchedule = { frequency: "weekly", day: 0, time: "02:30", timeZone: "Australia/Sydney" };
    expect(occurrencesBetween(sydney, at("2026-09-26T00:00:00Z"), at("2026-10-12T00:00:00Z")).map(iso)).toEqual([
      "2026-09-26T16:30:00.000Z", // Sun Sep 27 02:30 AEST
      "2026-10-03T16:30:00.000Z", // Sun Oct 4: 02:30 does not exist, 03:30 AEDT
      "2026-10-10T15:30:00.000Z", // Sun Oct 11 02:30 AEDT
    ]);
    const london: DigestSchedule = { frequency: "monthly", day: 1, time: "00:30", timeZone: "Europe/London" };
    expect(occurrencesBetween(london, at("2026-09-15T00:00:00Z"), at("2026-12-15T00:00:00Z")).map(iso)).toEqual([
      "2026-09-30T23:30:00.000Z",
      "2026-11-01T00:30:00.000Z",
      "2026-12-01T00:30:00.000Z",
    ]);
  });

  it("the window is (after, until]: a run exactly at `after` is not repeated, one at `until` is due", () => {
    const s: DigestSchedule = { frequency: "weekly", day: 1, time: "09:00", timeZone: "Asia/Tokyo" };
    expect(occurrencesBetween(s, at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z")).map(iso)).toEqual(["2026-11-30T00:00:00.000Z"]);
    expect(occurrencesBetween(s, at("2026-11-23T00:00:00Z"), at("2026-11-29T23:59:00Z"))).toEqual([]);
    expect(iso(nextRunAfter(s, at("2026-11-23T00:00:00Z")))).toBe("2026-11-30T00:00:00.000Z");
    expect(iso(nextRunAfter(s, at("2026-11-22T23:59:00Z")))).toBe("2026-11-23T00:00:00.000Z");
  });

  it("keeps only the most recent occurrences beyond the limit", () => {
    const s: DigestSchedule = { frequency: "daily", day: null, time: "12:00", timeZone: "UTC" };
    expect(occurrencesBetween(s, at("2026-01-01T00:00:00Z"), at("2026-01-31T23:00:00Z"), 2).map(iso)).toEqual(["2026-01-30T12:00:00.000Z", "2026-01-31T12:00:00.000Z"]);
  });
});

describe("the period a run reports on", () => {
  it("weekly: the seven local days before the run's day, and the seven before those", () => {
    const p = periodBefore("weekly", "Asia/Tokyo", at("2026-11-23T00:00:00Z"));
    expect({ previousStart: iso(p.previousStart), start: iso(p.start), end: iso(p.end), firstDay: p.firstDay, lastDay: p.lastDay, endDay: p.endDay }).toEqual({
      previousStart: "2026-11-08T15:00:00.000Z",
      start: "2026-11-15T15:00:00.000Z",
      end: "2026-11-22T15:00:00.000Z",
      firstDay: "2026-11-16",
      lastDay: "2026-11-22",
      endDay: "2026-11-23",
    });
  });

  it("weekly across the DST change in New York: local midnights, a week of 169 hours", () => {
    const p = periodBefore("weekly", "America/New_York", at("2026-11-02T14:00:00Z"));
    expect([iso(p.previousStart), iso(p.start), iso(p.end)]).toEqual(["2026-10-19T04:00:00.000Z", "2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  it("monthly: the previous calendar month; daily: the previous local day", () => {
    const m = periodBefore("monthly", "UTC", at("2026-03-01T09:00:00Z"));
    expect([iso(m.previousStart), iso(m.start), iso(m.end), m.lastDay]).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2026-02-28"]);
    const d = periodBefore("daily", "Asia/Tokyo", at("2026-01-01T00:00:00Z"));
    expect([iso(d.previousStart), iso(d.start), iso(d.end), d.firstDay]).toEqual([
      "2025-12-29T15:00:00.000Z",
      "2025-12-30T15:00:00.000Z",
      "2025-12-31T15:00:00.000Z",
      "2025-12-31",
    ]);
  });
});

describe("/kpi subscribe arguments", () => {
  const defaults = { timeZone: "Europe/Paris", locale: "en" as const };
  const ok = (words: string[]) => {
    const r = parseSubscribe(words, defaults);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    return r.request;
  };
  const problem = (words: string[]) => {
    const r = parseSubscribe(words, defaults);
    return r.ok ? null : r.problem;
  };

  it("defaults to weekly on Monday at 09:00 in the caller's zone and language", () => {
    expect(ok([])).toEqual({ frequency: "weekly", day: 1, time: "09:00", timeZone: "Europe/Paris", segment: null, locale: "en" });
  });

  it("takes the words in any order", () => {
    expect(ok(["daily", "7:05", "Asia/Tokyo", "lang:ja"])).toEqual({ frequency: "daily", day: null, time: "07:05", timeZone: "Asia/Tokyo", segment: null, locale: "ja" });
    expect(ok(["18:30", "monthly", "15", "segment:Enterprise"])).toEqual({
      frequency: "monthly",
      day: 15,
      time: "18:30",
      timeZone: "Europe/Paris",
      segment: "Enterprise",
      locale: "en",
    });
    expect(ok(["金曜", "utc"])).toMatchObject({ frequency: "weekly", day: 5, timeZone: "UTC" });
    expect(ok(["weekly", "Sunday"])).toMatchObject({ day: 0 });
  });

  it("names the word it could not use", () => {
    expect(problem(["monthly", "31"])).toEqual({ kind: "badDay", word: "31" });
    expect(problem(["daily", "monday"])).toEqual({ kind: "badDay", word: "monday" });
    expect(problem(["weekly", "12"])).toEqual({ kind: "badDay", word: "12" });
    expect(problem(["25:00"])).toEqual({ kind: "badTime", word: "25:00" });
    expect(problem(["Mars/Olympus"])).toEqual({ kind: "badTimeZone", word: "Mars/Olympus" });
    expect(problem(["lang:fr"])).toEqual({ kind: "badLanguage", word: "lang:fr" });
    expect(problem(["often"])).toEqual({ kind: "unknownWord", word: "often" });
  });
});
