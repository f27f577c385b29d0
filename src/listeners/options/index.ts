import type { App } from "@slack/bolt";
import { INSIGHT_FIELDS } from "../../slack-ids.js";
import type { ListenerDeps } from "../deps.js";
import { customerOptionsRequest } from "./customer-options.js";

/** Options requests of external selects: the customer picker (insight modal and link-to-customer modal share its action id). */
export function register(app: App, deps: ListenerDeps): void {
  app.options({ type: "block_suggestion", action_id: INSIGHT_FIELDS.customer }, customerOptionsRequest(deps));
}
