import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { forgetSourceMessage } from "../../services/capture/forget-source-message.js";
import { markMessageDeleted } from "../../services/ratings/mark-message-deleted.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

/**
 * `message` events: only `message_deleted` matters. A bot post: the story or insight leaves the rankings, and an
 * insight is hidden. Anyone else's message: insights saved from it forget the link and its author. Every other
 * message in the channel returns at once.
 */
export function messageDeleted(deps: ListenerDeps) {
  return async ({ event, context }: Args) => {
    if (event.subtype !== "message_deleted") return;
    const prev = event.previous_message as { user?: string; bot_id?: string } | undefined;
    const scope = { db: deps.db, teamId: requestContext(context).teamId };
    const ours = !prev || prev.user === context.botUserId || (prev.bot_id !== undefined && prev.bot_id === context.botId);
    if (ours && (await markMessageDeleted(scope, { channelId: event.channel, ts: event.deleted_ts, at: deps.now() }))) return;
    await forgetSourceMessage(scope, { channelId: event.channel, ts: event.deleted_ts });
  };
}
