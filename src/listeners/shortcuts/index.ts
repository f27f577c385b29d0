import type { App } from "@slack/bolt";
import { SHORTCUTS } from "../../slack-ids.js";
import type { ListenerDeps } from "../deps.js";
import { saveInsightShortcut } from "./save-insight-shortcut.js";
import { shareStoryShortcut } from "./share-story-shortcut.js";

/** The message shortcut (save a message as an insight) and the global shortcut (share a story). */
export function register(app: App, deps: ListenerDeps): void {
  app.shortcut({ callback_id: SHORTCUTS.saveInsight, type: "message_action" }, saveInsightShortcut(deps));
  app.shortcut({ callback_id: SHORTCUTS.shareStory, type: "shortcut" }, shareStoryShortcut(deps));
}
