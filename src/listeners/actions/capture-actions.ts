import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { decodeQuickDraft } from "../../domain/capture/quick-insight-draft.js";
import { isAppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { userMessageFor } from "../../middleware/errors.js";
import { addInsightEvidence } from "../../services/capture/add-insight-evidence.js";
import { announceInsightEvidence } from "../../services/capture/announce-insight-evidence.js";
import { escapeMrkdwn } from "../../views/blocks.js";
import { linkCustomerModal } from "../../views/capture/link-customer-modal.js";
import { customerResolutionNote } from "../../views/capture/customer-resolution.js";
import { logQuickInsight, readQuickInsight, resolveTypedCustomer, withNote } from "../commands/quick-insight.js";
import type { ListenerDeps } from "../deps.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** "Log as a new voice" on the duplicate offer of a quick /insight: logs the held-back draft (once, by its trigger id). */
export function captureLogNewAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context, respond }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    const draft = decodeQuickDraft(action.value ?? "");
    if (!draft) return void (await respond({ replace_original: true, response_type: "ephemeral", text: ctx.t("insight.quick.empty") }));
    const reply = await logQuickInsight(deps, ctx, client, { text: draft.x, triggerId: draft.k, userId: body.user.id, offerDuplicates: false });
    await respond({ replace_original: true, response_type: "ephemeral", ...reply });
  };
}

/**
 * "Same as this one" on the duplicate offer of a quick /insight: the draft's customer and words become supporting
 * evidence of the chosen voice (once per draft: its trigger id is the source key), announced in the voice's thread.
 */
export function captureSameAsAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context, respond }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const draft = decodeQuickDraft(action.value ?? "");
    const read = draft?.i ? readQuickInsight(ctx.t, draft.x) : null;
    if (!draft?.i || !read) return void (await respond({ replace_original: true, response_type: "ephemeral", text: ctx.t("capture.evidence.voiceNotFound") }));
    if (!read.ok) return void (await respond({ replace_original: true, response_type: "ephemeral", ...read.reply }));
    const resolution = await resolveTypedCustomer(deps, ctx.teamId, read.quick.customer);
    const scope = { db: deps.db, teamId: ctx.teamId };
    try {
      const added = await addInsightEvidence(scope, {
        insightId: draft.i,
        sourceKey: `command:${draft.k}`,
        authorId: body.user.id,
        customer: read.quick.customer,
        customerId: resolution.status === "linked" ? String(resolution.customer.id) : null,
        quote: read.quick.quote,
      });
      if (!added.created) return void (await respond({ replace_original: true, response_type: "ephemeral", text: ctx.t("capture.evidence.addedAlready") }));
      await announceInsightEvidence({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, added);
      const text = withNote(ctx.t("capture.evidence.added", { customer: escapeMrkdwn(added.insight.customer) }), customerResolutionNote(ctx.t, read.quick.customer, resolution));
      await respond({ replace_original: true, response_type: "ephemeral", text });
    } catch (e) {
      if (!isAppError(e)) throw e;
      await respond({ replace_original: true, response_type: "ephemeral", text: userMessageFor(ctx.t, e) });
    }
  };
}

/** "Link to customer" on a posted voice whose customer was typed: opens the customer picker. */
export function insightLinkCustomerAction(_deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const insightId = z.string().uuid().parse(action.value);
    await client.views.open({ trigger_id: body.trigger_id, view: linkCustomerModal(ctx.t, { insightId, channelId: body.channel?.id }) });
  };
}
