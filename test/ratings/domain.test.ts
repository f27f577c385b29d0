import { describe, expect, it } from "vitest";
import { parsePeriod, periodStart } from "../../src/domain/ratings/period.js";
import { rankByPoints } from "../../src/domain/ratings/rank.js";
import { parseRatingsCommand } from "../../src/domain/ratings/parse-ratings-command.js";
import { baseEmoji, DEFAULT_SCALE, effectiveScale, parseEmojiArg, pointsFor, reachesThreshold } from "../../src/domain/ratings/scale.js";

describe("rating scale", () => {
  it("skin tones count as the base emoji", () => {
    expect(baseEmoji("+1::skin-tone-4")).toBe("+1");
    expect(baseEmoji("wave::skin-tone-2::skin-tone-3")).toBe("wave");
    expect(baseEmoji("fire")).toBe("fire");
  });

  it("points are voters times the emoji's points; emoji off the scale count nothing", () => {
    // star 3 voters x1 + fire 2 x2 + bulb 1 x2 + tada 5 x0 = 3 + 4 + 2 = 9
    expect(pointsFor({ star: 3, fire: 2, bulb: 1, tada: 5 }, DEFAULT_SCALE)).toBe(9);
    expect(pointsFor({ "+1::skin-tone-2": 2 }, DEFAULT_SCALE)).toBe(2);
    expect(pointsFor({}, DEFAULT_SCALE)).toBe(0);
    expect(pointsFor({ star: 4 }, { star: 5 })).toBe(20);
  });

  it("a failure rated :bulb: earns as much as a win rated :fire:", () => {
    expect(pointsFor({ bulb: 3 }, DEFAULT_SCALE)).toBe(pointsFor({ fire: 3 }, DEFAULT_SCALE));
  });

  it("the stored scale replaces the default, dropping unusable entries", () => {
    expect(effectiveScale(null)).toEqual({ star: 1, "+1": 1, fire: 2, bulb: 2 });
    expect(effectiveScale({ Heart: 3, bad: -1, zero: 0, "ok::skin-tone-2": 2 })).toEqual({ heart: 3, ok: 2 });
    expect(effectiveScale({})).toEqual({});
  });

  it("admins may type emoji with or without colons", () => {
    expect(parseEmojiArg(":fire:")).toBe("fire");
    expect(parseEmojiArg("+1")).toBe("+1");
    expect(parseEmojiArg(":+1::skin-tone-2:")).toBe("+1");
    expect(parseEmojiArg("<@U1>")).toBeUndefined();
    expect(parseEmojiArg(undefined)).toBeUndefined();
  });

  it("the threshold is reached at exactly its points", () => {
    expect(reachesThreshold(4, 5)).toBe(false);
    expect(reachesThreshold(5, 5)).toBe(true);
    expect(reachesThreshold(9, 0)).toBe(false);
  });
});

describe("/story ratings syntax", () => {
  it("parses each action and rejects the rest", () => {
    expect(parseRatingsCommand([])).toEqual({ action: "show" });
    expect(parseRatingsCommand(["set", ":bulb:", "3"])).toEqual({ action: "set", emoji: "bulb", points: 3 });
    expect(parseRatingsCommand(["SET", "heart", "100"])).toEqual({ action: "set", emoji: "heart", points: 100 });
    expect(parseRatingsCommand(["set", "heart", "101"])).toEqual({ action: "usage" });
    expect(parseRatingsCommand(["set", "heart", "0"])).toEqual({ action: "usage" });
    expect(parseRatingsCommand(["set", "heart", "-1"])).toEqual({ action: "usage" });
    expect(parseRatingsCommand(["set", "heart"])).toEqual({ action: "usage" });
    expect(parseRatingsCommand(["remove", ":star:"])).toEqual({ action: "remove", emoji: "star" });
    expect(parseRatingsCommand(["threshold", "8"])).toEqual({ action: "threshold", points: 8 });
    expect(parseRatingsCommand(["threshold", "x"])).toEqual({ action: "usage" });
    expect(parseRatingsCommand(["reset"])).toEqual({ action: "reset" });
    expect(parseRatingsCommand(["frobnicate"])).toEqual({ action: "usage" });
  });
});

describe("periods and ranks", () => {
  it("periods are rolling windows ending now", () => {
    const now = new Date("2026-03-31T12:00:00Z");
    expect(periodStart("week", now).toISOString()).toBe("2026-03-24T12:00:00.000Z");
    expect(periodStart("month", now).toISOString()).toBe("2026-03-01T12:00:00.000Z");
    expect(periodStart("quarter", now).toISOString()).toBe("2025-12-31T12:00:00.000Z");
    expect(parsePeriod("")).toBe("month");
    expect(parsePeriod("Week")).toBe("week");
    expect(parsePeriod("四半期")).toBe("quarter");
    expect(parsePeriod("year")).toBeUndefined();
  });

  it("equal points share a rank, ordered by the tie-break, and a tie at the cut is kept whole", () => {
    const items = [
      { id: "a", points: 3, at: 2 },
      { id: "b", points: 5, at: 9 },
      { id: "c", points: 3, at: 1 },
      { id: "d", points: 1, at: 0 },
      { id: "e", points: 3, at: 3 },
    ];
    const ranked = rankByPoints(items, (x, y) => x.at - y.at, 2);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", 2],
      ["e", 2],
    ]);
    expect(rankByPoints(items, (x, y) => x.at - y.at).map((r) => r.rank)).toEqual([1, 2, 2, 2, 5]);
    expect(rankByPoints([], () => 0)).toEqual([]);
  });
});
