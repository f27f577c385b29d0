import type { App } from "@slack/bolt";
import { COMMANDS } from "../slack-ids.js";
import { kpiCommand, type KpiSubcommand } from "./commands/kpi-command.js";
import { kpiTokenSubcommand } from "./commands/kpi-token.js";
import { kpiAdminsSubcommand } from "./commands/kpi-admins.js";
import type { StorySubcommand } from "./commands/story-command.js";
import type { ListenerDeps } from "./deps.js";
import { digestSubcommands } from "./commands/kpi-digest.js";
import { kpiCohorts } from "./commands/kpi-cohorts.js";
import { kpiHeadline as kpiHeadlineCommand, kpiShare } from "./commands/kpi-headline.js";
import { kpiHelp } from "./commands/kpi-help.js";
import { registerCaptureListeners } from "./index.js";
import { kpiPredictionSubcommands } from "./commands/kpi-prediction.js";
import { storyRatings } from "./commands/story-ratings.js";
import { storyTop } from "./commands/story-top.js";
import { ratingEventListeners } from "./events/index.js";
import { registerHomeListeners } from "./actions/home-listeners.js";
import type { EventLanes } from "../http/slack-events.js";

/**
 * Every listener of every area. Areas contribute `/kpi` and `/story` subcommands here, one line each,
 * so the shared commands stay one listener.
 */
export function registerListeners(app: App, deps: ListenerDeps): { eventLanes: EventLanes } {
  const storySubcommands: Record<string, StorySubcommand> = {};
  const kpiSubcommands: Record<string, KpiSubcommand> = {};
  let kpiHeadline: KpiSubcommand = async ({ respond, context }) => {
    await respond({ response_type: "ephemeral", text: String((context as { t?: (k: string) => string }).t?.("error.notFound") ?? "") });
  };
  // --- areas register below ---
  kpiHeadline = kpiHeadlineCommand(deps);
  kpiSubcommands.cohorts = kpiCohorts(deps);
  kpiSubcommands.help = kpiHelp;
  kpiSubcommands.share = kpiShare(deps);
  storySubcommands.top = storyTop(deps);
  storySubcommands.ratings = storyRatings(deps);
  const ratingEvents = ratingEventListeners(app, deps);
  app.event("reaction_added", ratingEvents.reactionAdded);
  app.event("reaction_removed", ratingEvents.reactionRemoved);
  app.event("message", ratingEvents.messageDeleted);
  app.event("app_home_opened", ratingEvents.appHomeOpened);

  const prediction = kpiPredictionSubcommands(deps);
  Object.assign(kpiSubcommands, { "at-risk": prediction.atRisk, customer: prediction.customer, forecast: prediction.forecast, refit: prediction.refit });
  kpiSubcommands.token = kpiTokenSubcommand(deps);
  kpiSubcommands.admins = kpiAdminsSubcommand(deps);
  Object.assign(kpiSubcommands, digestSubcommands(deps)); // subscribe, unsubscribe, subscriptions, digest
  registerHomeListeners(app, deps); // App Home: capture buttons, followed teams, admin settings, trend image client
  // --- end of areas ---
  registerCaptureListeners(app, deps, { storySubcommands });
  app.command(COMMANDS.kpi, kpiCommand(deps, kpiSubcommands, kpiHeadline));
  // The same reaction listeners, for the HTTP early-ack lane (bursts skip Bolt's per-event dispatch).
  return { eventLanes: { reaction_added: ratingEvents.reactionAdded, reaction_removed: ratingEvents.reactionRemoved } };
}
