import { parsePeriod, periodStart } from "../../domain/ratings/period.js";
import { requestContext } from "../../middleware/context.js";
import { summarizeOutreach } from "../../services/outreach/summarize-outreach.js";
import { getLeaderboard } from "../../services/ratings/get-leaderboard.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { leftUsers } from "../../services/ratings/left-users.js";
import { getRatingSettings } from "../../services/ratings/rating-settings.js";
import { leaderboardMessage } from "../../views/ratings/leaderboard-message.js";
import type { ListenerDeps } from "../deps.js";
import type { StorySubcommand } from "./story-command.js";

/** `/story top [week|month|quarter]`: the period's best-rated wins, failures and customer voices, and the customers won back by outreach, privately. */
export function storyTop(deps: ListenerDeps): StorySubcommand {
  return async ({ respond, context }, rest) => {
    const ctx = requestContext(context);
    const { teamId, t } = ctx;
    await ctx.requireCustomerData(); // voices and customer names
    const period = parsePeriod(rest.join(" "));
    if (!period) return void (await respond({ response_type: "ephemeral", text: t("ratings.top.usage") }));
    const scope = { db: deps.db, teamId };
    const { scale } = await getRatingSettings(scope);
    const since = periodStart(period, deps.now());
    const [board, saves, workspace] = await Promise.all([getLeaderboard(scope, { scale, since }), summarizeOutreach(scope, { now: deps.now(), since }), getWorkspace(scope)]);
    const people = [...board.people, ...board.wins, ...board.failures, ...board.insights].map((x) => ("userId" in x ? x.userId : x.authorId));
    const left = await leftUsers(deps.users, teamId, people);
    await respond({
      response_type: "ephemeral",
      ...leaderboardMessage(t, { period, board, leftUsers: left, saves: { ...saves, windowDays: workspace.outreachWindowDays }, locale: ctx.locale }),
    });
  };
}
