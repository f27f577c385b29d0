import type { App } from "@slack/bolt";
import { COMMANDS } from "../../slack-ids.js";
import type { ListenerDeps } from "../deps.js";
import { insightCommand } from "./insight-command.js";
import { kpiCohorts } from "./kpi-cohorts.js";
import { kpiCommand, type KpiSubcommand } from "./kpi-command.js";
import { digestSubcommands } from "./kpi-digest.js";
import { kpiHeadline, kpiShare } from "./kpi-headline.js";
import { kpiHelp } from "./kpi-help.js";
import { kpiPredictionSubcommands } from "./kpi-prediction.js";
import { kpiSettingsSubcommand } from "./kpi-settings.js";
import { kpiTokenSubcommand } from "./kpi-token.js";
import { kpiAdminsSubcommand } from "./kpi-admins.js";
import { kpiTargetSubcommand, kpiTargetsSubcommand } from "./kpi-targets.js";
import { kpiAlertsSubcommand } from "./kpi-alerts.js";
import { storyCommand, type StorySubcommand } from "./story-command.js";
import { storyRatings } from "./story-ratings.js";
import { storyTop } from "./story-top.js";

/**
 * Every slash command. `/kpi` and `/story` are one listener each that dispatches on its first word; their
 * subcommands are listed here, one line each.
 */
export function register(app: App, deps: ListenerDeps): void {
  const storySubcommands: Record<string, StorySubcommand> = {
    top: storyTop(deps),
    ratings: storyRatings(deps),
  };
  const prediction = kpiPredictionSubcommands(deps);
  const kpiSubcommands: Record<string, KpiSubcommand> = {
    cohorts: kpiCohorts(deps),
    help: kpiHelp(deps),
    share: kpiShare(deps),
    "at-risk": prediction.atRisk,
    customer: prediction.customer,
    forecast: prediction.forecast,
    refit: prediction.refit,
    token: kpiTokenSubcommand(deps),
    admins: kpiAdminsSubcommand(deps),
    settings: kpiSettingsSubcommand(deps),
    target: kpiTargetSubcommand(deps),
    targets: kpiTargetsSubcommand(deps),
    alerts: kpiAlertsSubcommand(deps),
    ...digestSubcommands(deps), // subscribe, unsubscribe, subscriptions, digest
  };
  app.command(COMMANDS.insight, insightCommand(deps));
  app.command(COMMANDS.story, storyCommand(deps, storySubcommands));
  // Anything that is not a subcommand (no text, a segment name) gets the headline KPIs.
  app.command(COMMANDS.kpi, kpiCommand(deps, kpiSubcommands, kpiHeadline(deps)));
}
