import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import type { HomeSection } from "../../services/home/home-section.js";
import { homeSections } from "../../services/home/home-sections.js";
import { publishHome } from "../../services/home/publish-home.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

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
