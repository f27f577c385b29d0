import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { listThemes } from "../../services/capture/list-themes.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { insightModal } from "../../views/capture/insight-modal.js";
import { storyModal } from "../../views/capture/story-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Home's "Log an insight" button: the same insight form as the message shortcut, empty. */
export function homeOpenInsight(deps: ListenerDeps) {
  return async ({ ack, body, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    const themes = await listThemes({ db: deps.db, teamId: ctx.teamId });
    await client.views.open({ trigger_id: body.trigger_id, view: insightModal(ctx.t, { themes, meta: {} }) });
  };
}

/** Home's "Share a story" button: the story form; asks where to post when no stories channel is set. */
export function homeOpenStory(deps: ListenerDeps) {
  return async ({ ack, body, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    const settings = await getWorkspace({ db: deps.db, teamId: ctx.teamId });
    await client.views.open({ trigger_id: body.trigger_id, view: storyModal(ctx.t, { meta: {}, askChannel: !settings.storiesChannelId }) });
  };
}
