import { listSubscriptions } from "../digest/list-subscriptions.js";
import { getRatingSettings } from "../ratings/rating-settings.js";
import { getWorkspace } from "../settings/get-workspace.js";
import { listInsightRoutes } from "../settings/set-insight-route.js";
import { homeAdminBlocks } from "../../views/home/home-admin.js";
import type { HomeSection } from "./home-section.js";

/** Workspace settings, for admins only (nothing at all for everyone else). */
export const homeAdminSection: HomeSection = {
  name: "admin",
  async build({ deps, teamId, userId, t, now }) {
    const user = await deps.users.get(teamId, userId);
    if (!user.isAdmin) return [];
    const scope = { db: deps.db, teamId };
    const [routes, rating, subscriptions, workspace] = await Promise.all([
      listInsightRoutes(scope),
      getRatingSettings(scope),
      listSubscriptions(scope),
      getWorkspace(scope),
    ]);
    const locale = user.locale ?? deps.config.DEFAULT_LOCALE;
    return homeAdminBlocks(t, locale, { routes, rating, subscriptions, activityWindowDays: workspace.activityWindowDays, now });
  },
};
