import type { WebClient } from "@slack/web-api";
import type { ListenerDeps } from "../deps.js";

// Home sections get `deps` but not Bolt's client; the bot's client is remembered per deps when the home
// listeners are registered (registerHomeListeners), so uploads use the app's token, API URL and retries.
const clients = new WeakMap<ListenerDeps, WebClient>();

/** Remembers the Web API client home sections of this bot use. */
export function setHomeClient(deps: ListenerDeps, client: WebClient): void {
  clients.set(deps, client);
}

/** The client for `deps`, or undefined when the home listeners were not registered (then: text only). */
export function homeClient(deps: ListenerDeps): WebClient | undefined {
  return clients.get(deps);
}
