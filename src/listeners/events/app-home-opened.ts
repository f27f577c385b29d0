import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { periodStart } from "../../domain/ratings/period.js";
import type { Translate } from "../../i18n/index.js";
import { requestContext } from "../../middleware/context.js";
import { getLeaderboard } from "../../services/ratings/get-leaderboard.js";
import { getUserContributions } from "../../services/ratings/get-user-contributions.js";
import { leftUsers } from "../../services/ratings/left-users.js";
import { getRatingSettings } from "../../services/ratings/rating-settings.js";
import { contributionsSection } from "../../views/home/contributions.js";
import { publishHome } from "../actions/home-publish.js";
import type { ListenerDeps } from "../deps.js";
import { homeAdminSection, homeCaptureSection, homeInsightsSection, homeKpiSection } from "./home-sections.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

/** What a home section gets: who is looking, in which language. */
export interface HomeSectionInput {
  deps: ListenerDeps;
  teamId: string;
  userId: string;
  t: Translate;
  now: Date;
}

/** One part of the App Home tab. Sections are built in parallel; one that fails is left out (and logged). */
export type HomeSection = { name: string; build: (input: HomeSectionInput) => Promise<KnownBlock[]> };

/** The user's own contributions, points received and the month's leaderboard. */
export const contributionsHomeSection: HomeSection = {
  name: "contributions",
  async build({ deps, teamId, userId, t, now }) {
    const scope = { db: deps.db, teamId };
    const { scale } = await getRatingSettings(scope);
    const [mine, board] = await Promise.all([
      getUserContributions(scope, { userId, scale, limit: 8 }),
      getLeaderboard(scope, { scale, since: periodStart("month", now), limit: 5 }),
    ]);
    const left = await leftUsers(deps.users, teamId, board.people.map((p) => p.userId));
    return contributionsSection(t, { mine, board, period: "month", leftUsers: left });
  },
};

/** The home tab's sections, top to bottom. Other areas add theirs here. */
export const homeSections: HomeSection[] = [homeCaptureSection, homeKpiSection, contributionsHomeSection, homeInsightsSection, homeAdminSection];

/** A user opening Home again within this window sees the view published moments ago. */
export const HOME_DEBOUNCE_MS = 5_000;

/**
 * `app_home_opened` (Home tab): publishes the home view built from `homeSections`. Bolt acks events
 * before listeners run, so this never delays the ack. Opening Home repeatedly within a few seconds
 * publishes once per user.
 */
export function appHomeOpened(deps: ListenerDeps, sections: readonly HomeSection[] = homeSections) {
  const lastPublished = new Map<string, number>();
  return async ({ event, context, client }: Args) => {
    if (event.tab !== "home") return;
    const teamId = requestContext(context).teamId;
    const key = `${teamId}:${event.user}`;
    const nowMs = deps.now().getTime();
    const last = lastPublished.get(key);
    if (last !== undefined && nowMs - last < HOME_DEBOUNCE_MS) return;
    lastPublished.set(key, nowMs);
    if (lastPublished.size > 10_000) {
      for (const [k, at] of lastPublished) if (nowMs - at >= HOME_DEBOUNCE_MS) lastPublished.delete(k);
    }
    // The context middleware skips users.info for events (hot path): publishHome looks the language up.
    await publishHome(deps, client, { teamId, userId: event.user, sections });
  };
}
