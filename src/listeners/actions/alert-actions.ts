import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { takeCustomer } from "../../services/outreach/take-customer.js";
import { predictCustomer } from "../../services/prediction/index.js";
import { z } from "zod";
import { localDay } from "../../domain/time/calendar.js";
import { markAlertTaken } from "../../services/alerts/mark-alert-taken.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { takeAnswer } from "../../views/outreach/outreach-blocks.js";
import { customerPredictionMessage } from "../../views/prediction/customer.js";
import type { ListenerDeps } from "../deps.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** A customer button's value: the external id the alert put there. */
const ZExternalId = z.string().trim().min(1).max(200);

/**
 * "I'll reach out" on an alert: takes the customer for the person who clicked (the outreach take service; customer data:
 * members only), answers them alone, and when they (still) have the customer redraws the alert post with who is reaching out.
 */
export function alertTakeCustomerAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context, respond }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const scope = { db: deps.db, teamId: ctx.teamId };
    const result = await takeCustomer(scope, { externalId: ZExternalId.parse(action.value), userId: body.user.id, now: deps.now() });
    const { timeZone } = await getWorkspace(scope);
    await respond({ response_type: "ephemeral", replace_original: false, ...takeAnswer(ctx.t, { ...result, since: localDay(result.since, timeZone) }) });
    const channelId = body.container?.channel_id ?? body.channel?.id;
    const messageTs = body.container?.message_ts ?? body.message?.ts;
    if (channelId && messageTs) await markAlertTaken({ ...scope, client, log: deps.log }, { channelId, messageTs, ownerId: result.ownerId });
  };
}

/** "Open customer" on an alert: the customer's predictions, as `/kpi customer <id>` shows them, to the clicker only. */
export function alertOpenCustomerAction(deps: ListenerDeps) {
  return async ({ ack, action, context, respond }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const prediction = await predictCustomer({ db: deps.db, teamId: ctx.teamId, customerExternalId: ZExternalId.parse(action.value) });
    await respond({ response_type: "ephemeral", replace_original: false, ...customerPredictionMessage(ctx.t, prediction) });
  };
}

/** "Open the voice" is a link button: Slack opens the link and still sends the click, which only needs an ack. */
export function alertOpenVoiceAction() {
  return async ({ ack }: ButtonArgs) => {
    await ack();
  };
}
