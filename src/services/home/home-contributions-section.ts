import { periodStart } from "../../domain/ratings/period.js";
import { contributionsSection } from "../../views/home/contributions.js";
import { getLeaderboard } from "../ratings/get-leaderboard.js";
import { getUserContributions } from "../ratings/get-user-contributions.js";
import { leftUsers } from "../ratings/left-users.js";
import { getRatingSettings } from "../ratings/rating-settings.js";
import type { HomeSection } from "./home-section.js";

/** The user's own contributions, points received and the month's leaderboard. */
export const homeContributionsSection: HomeSection = {
  name: "contributions",
  async build({ deps, teamId, userId, t, now }) {
    const scope = { db: deps.db, teamId };
    const { scale } = await getRatingSettings(scope);
    const [mine, board] = await Promise.all([
      getUserContributions(scope, { userId, scale, limit: 8 }),
      getLeaderboard(scope, { scale, since: periodStart("month", now), limit: 5 }),
    ]);
    const left = await leftUsers(
      deps.users,
      teamId,
      board.people.map((p) => p.userId),
    );
    return contributionsSection(t, { mine, board, period: "month", leftUsers: left });
  },
};
