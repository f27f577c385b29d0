import { TEAM_CHANNEL, type AlertOptions } from "../../domain/alerts/alert-kinds.js";
import { homeAlertBlocks, HOME_ALERTS_SHOWN } from "../../views/alerts/home-alerts.js";
import { listAlertSubscriptions } from "../alerts/alert-subscriptions.js";
import { checkChannelAccess } from "../slack/check-channel-access.js";
import type { HomeSection } from "./home-section.js";

/** The alert subscriptions with Remove buttons and "Add alert" (the bot's admins only), and channels the bot is not in. */
export const homeAlertsSection: HomeSection = {
  name: "alerts",
  async build({ deps, client, teamId, userId, t, access }) {
    if (!access.isAdmin) return [];
    const subs = await listAlertSubscriptions({ db: deps.db, teamId });
    const channels = [...new Set(subs.slice(0, HOME_ALERTS_SHOWN).map((s) => s.channelId))].filter((c) => c !== TEAM_CHANNEL);
    const membership = await checkChannelAccess(client, channels);
    const locale = (await deps.users.get(teamId, userId)).locale ?? deps.config.DEFAULT_LOCALE;
    return homeAlertBlocks(t, locale, { subscriptions: subs.map((s) => ({ ...s, options: (s.options ?? {}) as AlertOptions })), access: membership });
  },
};
