import type { RatingScale } from "../../domain/ratings/scale.js";
import type { TeamScope } from "../types.js";
import { scoreItems, type ItemScore } from "./score-items.js";

export interface UserContributions {
  /** Newest first. */
  items: ItemScore[];
  /** All stories and insights of theirs the bot posted. */
  count: number;
  /** Points received over all their items. */
  totalPoints: number;
}

/** A person's own stories and insights (newest first, at most `limit`) and the points they received. */
export async function getUserContributions(scope: TeamScope, opts: { userId: string; scale: RatingScale; limit?: number }): Promise<UserContributions> {
  const all = await scoreItems(scope, opts.scale, { authorId: opts.userId, includeUnrated: true });
  all.sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime());
  return { items: all.slice(0, opts.limit ?? 10), count: all.length, totalPoints: all.reduce((sum, i) => sum + i.points, 0) };
}
