import type { App } from "@slack/bolt";
import { ACTIONS, ALERT_HOME_ACTIONS, OUTREACH_ACTIONS } from "../../slack-ids.js";
import type { ListenerDeps } from "../deps.js";
import { captureLogNewAction, captureSameAsAction, insightLinkCustomerAction } from "./capture-actions.js";
import { homeOpenInsight, homeOpenStory } from "./home-capture-actions.js";
import { homeAdminAddUserAction, homeAdminGroupAction, homeAdminRemoveAction } from "./home-admins-actions.js";
import { homeActivityWindowAction, homeEditScaleAction, homeRouteAction } from "./home-settings-actions.js";
import { homeFollowTeams } from "./home-teams-action.js";
import { insightLinkAction, insightOwnerAction, insightStatusAction } from "./insight-work-actions.js";
import { outreachLogAction, outreachTakeAction } from "./outreach-actions.js";
import { searchPageAction } from "./search-page-action.js";
import { loopToldAction } from "./loop-told-action.js";
import { homeAddAlertAction, homeRemoveAlertAction, homeRemoveTargetAction, homeSetTargetAction } from "./home-alert-actions.js";
import { themeOpenAction } from "./theme-open-action.js";
import { alertOpenCustomerAction, alertOpenVoiceAction, alertTakeCustomerAction } from "./alert-actions.js";

/** Buttons and menus: search result pages, a posted insight's status/owner/link controls, and App Home's capture buttons, followed teams and admin settings. */
export function register(app: App, deps: ListenerDeps): void {
  app.action(new RegExp(`^${ACTIONS.searchPage}_`), searchPageAction(deps));
  app.action(ACTIONS.openInsightModal, homeOpenInsight(deps));
  app.action(ACTIONS.openStoryModal, homeOpenStory(deps));
  app.action(ACTIONS.homeFollowTeams, homeFollowTeams(deps));
  app.action(ACTIONS.homeRoute, homeRouteAction(deps));
  app.action(ACTIONS.homeActivityWindow, homeActivityWindowAction(deps));
  app.action(ACTIONS.homeEditScale, homeEditScaleAction());
  app.action(ACTIONS.homeAdminAddUser, homeAdminAddUserAction(deps));
  app.action(ACTIONS.homeAdminGroup, homeAdminGroupAction(deps));
  app.action(ACTIONS.homeAdminRemove, homeAdminRemoveAction(deps));
  app.action(ACTIONS.insightStatus, insightStatusAction(deps));
  app.action(ACTIONS.insightOwner, insightOwnerAction(deps));
  app.action(ACTIONS.insightLink, insightLinkAction(deps));
  app.action(ACTIONS.homeInsightStatus, insightStatusAction(deps, "home"));
  app.action(ACTIONS.homeInsightOwner, insightOwnerAction(deps, "home"));
  app.action(ACTIONS.themeOpen, themeOpenAction(deps));
  app.action(ACTIONS.loopTold, loopToldAction(deps));
  app.action(OUTREACH_ACTIONS.take, outreachTakeAction(deps, { takeOver: false }));
  app.action(OUTREACH_ACTIONS.takeOver, outreachTakeAction(deps, { takeOver: true }));
  app.action(OUTREACH_ACTIONS.log, outreachLogAction(deps));
  app.action(ACTIONS.alertTakeCustomer, alertTakeCustomerAction(deps));
  app.action(ACTIONS.alertOpenCustomer, alertOpenCustomerAction(deps));
  app.action(ACTIONS.alertOpenVoice, alertOpenVoiceAction());
  app.action(ALERT_HOME_ACTIONS.addAlert, homeAddAlertAction());
  app.action(ALERT_HOME_ACTIONS.removeAlert, homeRemoveAlertAction(deps));
  app.action(ALERT_HOME_ACTIONS.setTarget, homeSetTargetAction());
  app.action(ALERT_HOME_ACTIONS.removeTarget, homeRemoveTargetAction(deps));
  app.action(ACTIONS.insightLinkCustomer, insightLinkCustomerAction(deps));
  app.action(ACTIONS.captureSameAs, captureSameAsAction(deps));
  app.action(ACTIONS.captureLogNew, captureLogNewAction(deps));
}
