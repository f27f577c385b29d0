import type { App } from "@slack/bolt";
import type { EventLanes } from "../http/slack-events.js";
import * as actions from "./actions/index.js";
import * as commands from "./commands/index.js";
import type { ListenerDeps } from "./deps.js";
import * as events from "./events/index.js";
import * as options from "./options/index.js";
import * as shortcuts from "./shortcuts/index.js";
import * as views from "./views/index.js";

/**
 * Every listener of the bot, one `register(app, deps)` per Slack surface: a reader finds each command,
 * shortcut, modal, action and event one hop from here. Returns the event lanes (reactions) for the HTTP
 * receiver's early-ack path.
 */
export function registerListeners(app: App, deps: ListenerDeps): { eventLanes: EventLanes } {
  commands.register(app, deps);
  shortcuts.register(app, deps);
  views.register(app, deps);
  actions.register(app, deps);
  options.register(app, deps);
  const eventLanes = events.register(app, deps);
  return { eventLanes };
}
