import { MAX_POINTS, parseEmojiArg } from "./scale.js";

export type RatingsCommand =
  | { action: "show" }
  | { action: "set"; emoji: string; points: number }
  | { action: "remove"; emoji: string }
  | { action: "threshold"; points: number }
  | { action: "reset" }
  | { action: "usage" };

const ZERO_TO_MAX = /^\d{1,3}$/;

/**
 * `/story ratings [set :emoji: <points> | remove :emoji: | threshold <points> | reset]`, words after `ratings`.
 * Anything malformed is `usage` (the reply then explains the syntax).
 */
export function parseRatingsCommand(words: readonly string[]): RatingsCommand {
  const [verb = "", a, b, ...extra] = words.map((w) => w.trim()).filter(Boolean);
  switch (verb.toLowerCase()) {
    case "":
      return { action: "show" };
    case "set": {
      const emoji = parseEmojiArg(a);
      if (!emoji || !b || !ZERO_TO_MAX.test(b) || extra.length) return { action: "usage" };
      const points = Number(b);
      if (points < 1 || points > MAX_POINTS) return { action: "usage" };
      return { action: "set", emoji, points };
    }
    case "remove": {
      const emoji = parseEmojiArg(a);
      return emoji && !b ? { action: "remove", emoji } : { action: "usage" };
    }
    case "threshold": {
      if (!a || !ZERO_TO_MAX.test(a) || b) return { action: "usage" };
      const points = Number(a);
      return points >= 1 && points <= 999 ? { action: "threshold", points } : { action: "usage" };
    }
    case "reset":
      return a ? { action: "usage" } : { action: "reset" };
    default:
      return { action: "usage" };
  }
}
