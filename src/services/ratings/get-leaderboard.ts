import { rankByPoints, type Ranked } from "../../domain/ratings/rank.js";
import type { RatingScale } from "../../domain/ratings/scale.js";
import type { TeamScope } from "../types.js";
import { scoreItems, type ItemScore } from "./score-items.js";

export interface PersonScore {
  userId: string;
  points: number;
  /** Stories and insights of theirs that got at least one counted vote. */
  items: number;
  /** When they first shared in the period (tie-break: who shared first). */
  firstPostedAt: Date;
}

export interface Leaderboard {
  wins: Ranked<ItemScore>[];
  failures: Ranked<ItemScore>[];
  insights: Ranked<ItemScore>[];
  people: Ranked<PersonScore>[];
}

const byFirstPosted = (a: { postedAt: Date }, b: { postedAt: Date }) => a.postedAt.getTime() - b.postedAt.getTime();

/**
 * The best-rated items posted since `since`, with wins, failures and customer voices ranked separately
 * (so a failure competes with failures, not with wins), and the people who shared them. Ties share a
 * rank and are listed by who shared first. Only items with points appear.
 */
export async function getLeaderboard(scope: TeamScope, opts: { scale: RatingScale; since: Date; limit?: number }): Promise<Leaderboard> {
  const limit = opts.limit ?? 5;
  const scored = (await scoreItems(scope, opts.scale, { since: opts.since })).filter((s) => s.points > 0);
  const people = new Map<string, PersonScore>();
  for (const s of scored) {
    const p = people.get(s.authorId) ?? { userId: s.authorId, points: 0, items: 0, firstPostedAt: s.postedAt };
    p.points += s.points;
    p.items += 1;
    if (s.postedAt < p.firstPostedAt) p.firstPostedAt = s.postedAt;
    people.set(s.authorId, p);
  }
  const stories = scored.filter((s) => s.kind === "story");
  return {
    wins: rankByPoints(
      stories.filter((s) => s.storyKind !== "failure"),
      byFirstPosted,
      limit,
    ),
    failures: rankByPoints(
      stories.filter((s) => s.storyKind === "failure"),
      byFirstPosted,
      limit,
    ),
    insights: rankByPoints(
      scored.filter((s) => s.kind === "insight"),
      byFirstPosted,
      limit,
    ),
    people: rankByPoints([...people.values()], (a, b) => a.firstPostedAt.getTime() - b.firstPostedAt.getTime(), limit),
  };
}
