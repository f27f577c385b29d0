import type { App } from "@slack/bolt";
import { ACTIONS, HOME_VIEWS } from "../../slack-ids.js";
import type { ListenerDeps } from "../deps.js";
import { homeOpenInsight, homeOpenStory } from "./home-capture-actions.js";
import { homeActivityWindowAction, homeEditScaleAction, homeRatingScaleSubmission, homeRouteAction } from "./home-settings-actions.js";
import { homeFollowTeams } from "./home-teams-action.js";

/** The App Home area's listeners: capture buttons, followed teams, admin settings. */
export function registerHomeListeners(app: App, deps: ListenerDeps): void {
  app.action(ACTIONS.openInsightModal, homeOpenInsight(deps));
  app.action(ACTIONS.openStoryModal, homeOpenStory(deps));
  app.action(ACTIONS.homeFollowTeams, homeFollowTeams(deps));
  app.action(ACTIONS.homeRoute, homeRouteAction(deps));
  app.action(ACTIONS.homeActivityWindow, homeActivityWindowAction(deps));
  app.action(ACTIONS.homeEditScale, homeEditScaleAction());
  app.view(HOME_VIEWS.ratingScale, homeRatingScaleSubmission(deps));
}
