import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { requestContext } from "../../middleware/context.js";
import { recordCustomerTold } from "../../services/work/record-customer-told.js";
import { loopClosureMessage } from "../../views/work/loop-closure-message.js";
import type { ListenerDeps } from "../deps.js";

/** "I told the customer" on a close-the-loop DM: records it once and replaces the button with the date. */
export function loopToldAction(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const closureId = z.string().uuid().parse(action.value);
    const { closure, insights } = await recordCustomerTold({ db: deps.db, teamId: ctx.teamId }, { closureId, userId: body.user.id, now: deps.now() });
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (!channel || !ts || !closure.toldAt) return;
    const message = loopClosureMessage(ctx.t, { closureId, themeName: closure.themeName, resolution: closure.resolution, insights, told: { at: closure.toldAt } });
    await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  };
}
