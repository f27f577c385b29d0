import type { App } from "@slack/bolt";
import { ACTIONS, COMMANDS, SHORTCUTS, VIEWS } from "../slack-ids.js";
import { searchPageAction } from "./actions/search-page-action.js";
import { insightCommand } from "./commands/insight-command.js";
import { storyCommand, type StorySubcommand } from "./commands/story-command.js";
import type { ListenerDeps } from "./deps.js";
import { saveInsightShortcut } from "./shortcuts/save-insight-shortcut.js";
import { shareStoryShortcut } from "./shortcuts/share-story-shortcut.js";
import { insightSubmission } from "./views/insight-submission.js";
import { storySubmission } from "./views/story-submission.js";

/** Extra pieces other areas plug into shared commands. */
export interface ListenerExtensions {
  storySubcommands?: Record<string, StorySubcommand>;
}

/** Registers every listener of the capture area: one named callback per Slack surface. */
export function registerCaptureListeners(app: App, deps: ListenerDeps, ext: ListenerExtensions = {}) {
  app.command(COMMANDS.insight, insightCommand(deps));
  app.command(COMMANDS.story, storyCommand(deps, ext.storySubcommands));
  app.shortcut({ callback_id: SHORTCUTS.saveInsight, type: "message_action" }, saveInsightShortcut(deps));
  app.shortcut({ callback_id: SHORTCUTS.shareStory, type: "shortcut" }, shareStoryShortcut(deps));
  app.view(VIEWS.insight, insightSubmission(deps));
  app.view(VIEWS.story, storySubmission(deps));
  app.action(new RegExp(`^${ACTIONS.searchPage}_`), searchPageAction(deps));
}
