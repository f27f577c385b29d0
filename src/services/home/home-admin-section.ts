import { listBotAdmins } from "../access/list-bot-admins.js";
import { listSubscriptions } from "../digest/list-subscriptions.js";
import { getRatingSettings } from "../ratings/rating-settings.js";
import { getWorkspace } from "../settings/get-workspace.js";
import { listInsightRoutes } from "../settings/set-insight-route.js";
import { checkChannelAccess } from "../slack/check-channel-access.js";
import type { WebClient } from "@slack/web-api";
import { homeAdminBlocks, type HomeAdminView } from "../../views/home/home-admin.js";
import type { HomeSection } from "./home-section.js";

/** Workspace settings and who the bot's admins are, for admins only (nothing at all for everyone else). */
export const homeAdminSection: HomeSection = {
  name: "admin",
  async build({ deps, teamId, userId, t, now, access, client }) {
    if (!access.isAdmin) return [];
    const user = await deps.users.get(teamId, userId);
    const scope = { db: deps.db, teamId };
    const [routes, rating, subscriptions, workspace, admins, groups] = await Promise.all([
      listInsightRoutes(scope),
      getRatingSettings(scope),
      listSubscriptions(scope),
      getWorkspace(scope),
      listBotAdmins(scope),
      deps.groups.list(teamId),
    ]);
    const locale = user.locale ?? deps.config.DEFAULT_LOCALE;
    const channelProblems = await findChannelProblems(client, { routes, storiesChannelId: workspace.storiesChannelId, subscriptions });
    return homeAdminBlocks(t, locale, {
      routes,
      rating,
      subscriptions,
      activityWindowDays: workspace.activityWindowDays,
      outreachWindowDays: workspace.outreachWindowDays,
      now,
      admins,
      groups,
      channelProblems,
    });
  },
};

/** Channels looked up per Home view at most (conversations.info each); the rest are not checked. */
const MAX_CHECKED = 15;

/**
 * The configured channels the bot is not in: route and stories channels must be joined for reactions to
 * count; a digest channel only matters when the bot cannot post there (private without an invite, archived).
 */
async function findChannelProblems(
  client: WebClient,
  s: { routes: ReadonlyArray<{ team: string; channelId: string }>; storiesChannelId: string | null; subscriptions: ReadonlyArray<{ channelId: string; pausedAt: Date | null }> },
): Promise<NonNullable<HomeAdminView["channelProblems"]>> {
  const uses: { channelId: string; use: { team: string } | "stories" | "digest" }[] = [
    ...s.routes.map((r) => ({ channelId: r.channelId, use: { team: r.team } })),
    ...(s.storiesChannelId ? [{ channelId: s.storiesChannelId, use: "stories" as const }] : []),
    ...s.subscriptions.filter((d) => !d.pausedAt).map((d) => ({ channelId: d.channelId, use: "digest" as const })),
  ];
  const access = await checkChannelAccess(client, [...new Set(uses.map((u) => u.channelId))].slice(0, MAX_CHECKED));
  return uses.flatMap(({ channelId, use }) => {
    const a = access.get(channelId);
    if (!a || a === "member" || (use === "digest" && a === "notMember")) return [];
    return [{ channelId, use, access: a }];
  });
}
