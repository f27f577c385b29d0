import type { App } from "@slack/bolt";
import { ALERT_VIEWS, CAPTURE_VIEWS, HOME_VIEWS, OUTREACH_VIEWS, VIEWS, WORK_VIEWS } from "../../slack-ids.js";
import { homeRatingScaleSubmission } from "../actions/home-settings-actions.js";
import { addAlertSubmission, setTargetSubmission } from "./home-alert-submissions.js";
import type { ListenerDeps } from "../deps.js";
import { insightLinkSubmission } from "./insight-link-submission.js";
import { insightSubmission } from "./insight-submission.js";
import { outreachLogSubmission } from "./outreach-log-submission.js";
import { linkCustomerSubmission } from "./link-customer-submission.js";
import { storySubmission } from "./story-submission.js";
import { themeSubmission } from "./theme-submission.js";

/** Modal submissions: the insight and story forms, a posted insight's link-and-resolution modal, the theme modal, and Home's rating-scale modal. */
export function register(app: App, deps: ListenerDeps): void {
  app.view(VIEWS.insight, insightSubmission(deps));
  app.view(VIEWS.story, storySubmission(deps));
  app.view(WORK_VIEWS.insightLink, insightLinkSubmission(deps));
  app.view(WORK_VIEWS.theme, themeSubmission(deps));
  app.view(HOME_VIEWS.ratingScale, homeRatingScaleSubmission(deps));
  app.view(OUTREACH_VIEWS.log, outreachLogSubmission(deps));
  app.view(CAPTURE_VIEWS.linkCustomer, linkCustomerSubmission(deps));
  app.view(ALERT_VIEWS.addAlert, addAlertSubmission(deps));
  app.view(ALERT_VIEWS.setTarget, setTargetSubmission(deps));
}
