import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { takeCustomer } from "../../services/outreach/take-customer.js";
import { predictCustomer } from "../../services/prediction/index.js";
import { escapeMrkdwn } from "../../views/blocks.js";
import { customerPredictionMessage } from "../../views/prediction/customer.js";
import type { ListenerDeps } from "../deps.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "I'll reach out" on an alert: takes the customer for the person who clicked (customer data: members only). */
export function alertTakeCustomerAction(deps: ListenerDeps) {
  return async ({ ack, action, body, context, respond }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const result = await takeCustomer({ db: deps.db, teamId: ctx.teamId }, { externalId: action.value ?? "", userId: body.user.id, now: deps.now() });
    const customer = escapeMrkdwn(result.customer.name ?? result.customer.externalId);
    const since = result.since.toISOString().slice(0, 10);
    const text =
      result.status === "taken"
        ? ctx.t("outreach.take.taken", { customer })
        : result.status === "already_yours"
          ? ctx.t("outreach.take.alreadyYours", { customer, since })
          : result.status === "taken_over"
            ? ctx.t("outreach.take.takenOver", { customer, previous: `<@${result.previousOwnerId}>` })
            : ctx.t("outreach.take.byOther", { customer, owner: `<@${result.ownerId}>`, since });
    await respond({ response_type: "ephemeral", replace_original: false, text });
  };
}

/** "Open customer" on an alert: the customer's predictions, as `/kpi customer <id>` shows them, to the clicker only. */
export function alertOpenCustomerAction(deps: ListenerDeps) {
  return async ({ ack, action, context, respond }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const prediction = await predictCustomer({ db: deps.db, teamId: ctx.teamId, customerExternalId: action.value ?? "" });
    await respond({ response_type: "ephemeral", replace_original: false, ...customerPredictionMessage(ctx.t, prediction) });
  };
}

/** "Open the voice" is a link button: Slack opens the link and still sends the click, which only needs an ack. */
export function alertOpenVoiceAction() {
  return async ({ ack }: ButtonArgs) => {
    await ack();
  };
}
