import type { App } from "@slack/bolt";
import { COMMANDS } from "../slack-ids.js";
import { kpiCommand, type KpiSubcommand } from "./commands/kpi-command.js";
import type { StorySubcommand } from "./commands/story-command.js";
import type { ListenerDeps } from "./deps.js";
import { registerCaptureListeners } from "./index.js";

/**
 * Every listener of every area. Areas contribute `/kpi` and `/story` subcommands here, one line each,
 * so the shared commands stay one listener.
 */
export function registerListeners(app: App, deps: ListenerDeps) {
  const storySubcommands: Record<string, StorySubcommand> = {};
  const kpiSubcommands: Record<string, KpiSubcommand> = {};
  let kpiHeadline: KpiSubcommand = async ({ respond, context }) => {
    await respond({ response_type: "ephemeral", text: String((context as { t?: (k: string) => string }).t?.("error.notFound") ?? "") });
  };
  // --- areas register below ---

  // --- end of areas ---
  registerCaptureListeners(app, deps, { storySubcommands });
  app.command(COMMANDS.kpi, kpiCommand(deps, kpiSubcommands, kpiHeadline));
}
