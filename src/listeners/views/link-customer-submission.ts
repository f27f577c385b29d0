import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { decodeCustomerChoice } from "../../domain/capture/customer-choice.js";
import { readOption, type ViewStateValues } from "../../domain/capture/read-view-state.js";
import { isAppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { userMessageFor } from "../../middleware/errors.js";
import { INSIGHT_FIELDS } from "../../slack-ids.js";
import { linkInsightCustomer } from "../../services/capture/link-insight-customer.js";
import { refreshInsightPosts } from "../../services/capture/refresh-insight-posts.js";
import { escapeMrkdwn } from "../../views/blocks.js";
import type { LinkCustomerMeta } from "../../views/capture/link-customer-modal.js";
import type { ListenerDeps } from "../deps.js";
import { tellUser } from "./tell-user.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ZMeta = z.object({ insightId: z.string().uuid(), channelId: z.string().optional() });

/**
 * The link-to-customer modal was submitted: the voice is linked to the picked imported customer and keeps their state
 * now (stored before the ack: a failure keeps the modal open); its posts are updated after. Typed text is refused with
 * a field error: only an imported customer can be linked.
 */
export function linkCustomerSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const field = INSIGHT_FIELDS.customer;
    const picked = readOption(view.state.values as ViewStateValues, field);
    const choice = picked === undefined ? undefined : decodeCustomerChoice(picked);
    const meta = ZMeta.safeParse(JSON.parse(view.private_metadata || "{}") as LinkCustomerMeta);
    if (choice?.kind !== "customer" || !meta.success) return void (await ack({ response_action: "errors", errors: { [field]: ctx.t("capture.link.pick") } }));
    const scope = { db: deps.db, teamId: ctx.teamId };
    let linked;
    try {
      await ctx.requireCustomerData();
      linked = await linkInsightCustomer(scope, { insightId: meta.data.insightId, customerId: BigInt(choice.customerId), now: deps.now() });
    } catch (e) {
      if (!isAppError(e)) throw e;
      return void (await ack({ response_action: "errors", errors: { [field]: userMessageFor(ctx.t, e) } }));
    }
    await ack();
    if (!linked.changed) return;
    await refreshInsightPosts({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, linked.insight);
    await tellUser(client, { userId: body.user.id, channelId: meta.data.channelId, text: ctx.t("capture.link.done", { customer: escapeMrkdwn(linked.insight.customer) }) });
  };
}
