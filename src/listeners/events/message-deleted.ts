import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { markMessageDeleted } from "../../services/ratings/mark-message-deleted.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

/**
 * `message` events: only `message_deleted` of a bot post matters (the story or insight leaves the
 * rankings). Every other message in the channel returns at once.
 */
export function messageDeleted(deps: ListenerDeps) {
  return async ({ event, context }: Args) => {
    if (event.subtype !== "message_deleted") return;
    const prev = event.previous_message as { user?: string; bot_id?: string } | undefined;
    if (prev && prev.user !== context.botUserId && prev.bot_id !== context.botId) return;
    await markMessageDeleted({ db: deps.db, teamId: requestContext(context).teamId }, { channelId: event.channel, ts: event.deleted_ts, at: deps.now() });
  };
}
