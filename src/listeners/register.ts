import type { App } from "@slack/bolt";
import type { ListenerDeps } from "./deps.js";
import { registerCaptureListeners } from "./index.js";

/** Every listener of every area. */
export function registerListeners(app: App, deps: ListenerDeps) {
  registerCaptureListeners(app, deps);
}
