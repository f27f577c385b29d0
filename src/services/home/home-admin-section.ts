import { listBotAdmins } from "../access/list-bot-admins.js";
import { listSubscriptions } from "../digest/list-subscriptions.js";
import { getRatingSettings } from "../ratings/rating-settings.js";
import { getWorkspace } from "../settings/get-workspace.js";
import { listInsightRoutes } from "../settings/set-insight-route.js";
import { homeAdminBlocks } from "../../views/home/home-admin.js";
import type { HomeSection } from "./home-section.js";

/** Workspace settings and who the bot's admins are, for admins only (nothing at all for everyone else). */
export const homeAdminSection: HomeSection = {
  name: "admin",
  async build({ deps, teamId, userId, t, now, access }) {
    if (!access.isAdmin) return [];
    const user = await deps.users.get(teamId, userId);
    const scope = { db: deps.db, teamId };
    const [routes, rating, subscriptions, workspace, admins] = await Promise.all([
      listInsightRoutes(scope),
      getRatingSettings(scope),
      listSubscriptions(scope),
      getWorkspace(scope),
      listBotAdmins(scope),
    ]);
    const locale = user.locale ?? deps.config.DEFAULT_LOCALE;
    return homeAdminBlocks(t, locale, { routes, rating, subscriptions, activityWindowDays: workspace.activityWindowDays, now, admins });
  },
};
