/** Emoji name (without colons, base form) -> points. */
export type RatingScale = Record<string, number>;

/**
 * The scale a workspace starts with. :bulb: ("I learned something") is worth as much as :fire: so that
 * sharing a failure earns as much as sharing a win.
 */
export const DEFAULT_SCALE: Readonly<RatingScale> = Object.freeze({ star: 1, "+1": 1, fire: 2, bulb: 2 });

export const MAX_POINTS = 100;
const EMOJI_NAME = /^[a-z0-9_+\-']{1,100}$/;

/** A reaction name as Slack sends it (`+1::skin-tone-3`) reduced to the emoji it counts as (`+1`). */
export function baseEmoji(reaction: string): string {
  const i = reaction.indexOf("::");
  return (i === -1 ? reaction : reaction.slice(0, i)).toLowerCase();
}

/** `:fire:`, `fire` or `:+1::skin-tone-2:` typed by an admin -> `fire` / `+1`; undefined when not an emoji name. */
export function parseEmojiArg(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const name = baseEmoji(word.trim().replace(/^:/, "").replace(/:$/, ""));
  return EMOJI_NAME.test(name) ? name : undefined;
}

/** The scale in effect: the stored one, or the default when the workspace never changed it. */
export function effectiveScale(stored: RatingScale | null | undefined): RatingScale {
  if (!stored || typeof stored !== "object") return { ...DEFAULT_SCALE };
  const out: RatingScale = {};
  for (const [emoji, points] of Object.entries(stored)) {
    if (typeof points === "number" && Number.isFinite(points) && points > 0) out[baseEmoji(emoji)] = points;
  }
  return out;
}

/**
 * Points of one story or insight: each distinct voter per emoji (already counted per base emoji) times
 * the emoji's points on the current scale. Emoji not on the scale count nothing. The one place points
 * are computed, always at read time, so changing the scale re-scores everything consistently.
 */
export function pointsFor(votersByEmoji: Readonly<Record<string, number>>, scale: Readonly<RatingScale>): number {
  let total = 0;
  for (const [emoji, voters] of Object.entries(votersByEmoji)) {
    const points = scale[baseEmoji(emoji)];
    if (points && voters > 0) total += points * voters;
  }
  return total;
}

/** Whether a story's points reached the workspace's recognition threshold. */
export const reachesThreshold = (points: number, threshold: number) => threshold > 0 && points >= threshold;
