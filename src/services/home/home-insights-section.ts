import { getFollowedTeams } from "./followed-teams.js";
import { listOpenVoices } from "./list-open-voices.js";
import { HOME_INSIGHTS, homeInsightsBlocks } from "../../views/home/home-insights.js";
import { customerDataRefusal } from "../access/check-access.js";
import { homeRefusalBlocks } from "../../views/home/home-refusal.js";
import type { HomeSection } from "./home-section.js";

/**
 * The open voices (new, acknowledged, planned) of the teams the user follows (all teams until they pick), newest
 * first, with the controls that change their status, owner, link and resolution (members only).
 */
export const homeInsightsSection: HomeSection = {
  name: "insights",
  async build({ deps, teamId, userId, t, access }) {
    const refusal = customerDataRefusal(access);
    if (refusal) return homeRefusalBlocks(t, refusal.messageKey);
    const scope = { db: deps.db, teamId };
    const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
    const followed = await getFollowedTeams(scope, userId);
    const { items, total } = await listOpenVoices(scope, { teams: followed, limit: HOME_INSIGHTS });
    return homeInsightsBlocks(t, locale, { followed, insights: items, total });
  },
};
