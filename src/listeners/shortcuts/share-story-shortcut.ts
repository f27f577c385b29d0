import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { storyModal } from "../../views/capture/story-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

/** ⚡ "Share a win or failure": the story form; asks where to post when no stories channel is set. */
export function shareStoryShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    const settings = await getWorkspace({ db: deps.db, teamId: ctx.teamId });
    await client.views.open({ trigger_id: shortcut.trigger_id, view: storyModal(ctx.t, { meta: {}, askChannel: !settings.storiesChannelId }) });
  };
}
