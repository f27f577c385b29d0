import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { localDay } from "../../domain/time/calendar.js";
import { requestContext } from "../../middleware/context.js";
import { republishHome } from "../../services/home/publish-home.js";
import { takeCustomer } from "../../services/outreach/take-customer.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { logOutreachModal, takeAnswer } from "../../views/outreach/outreach-blocks.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** A button's value: the customer's external id, as the at-risk list put it there. */
const ZExternalId = z.string().trim().min(1).max(200);

/** The click came from App Home (no response_url there: the answer is the refreshed Home). */
const fromHome = (body: BlockAction) => body.view?.type === "home";

/**
 * "I'll reach out" (and "Take over", with `takeOver`) on an at-risk customer. In a message (`/kpi at-risk`, the
 * digest, an alert) it answers the clicker only; on App Home it refreshes their Home, which shows who has the
 * customer now and the buttons that fit.
 */
export function outreachTakeAction(deps: ListenerDeps, opts: { takeOver: boolean }) {
  return async ({ ack, action, body, client, respond, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const scope = { db: deps.db, teamId: ctx.teamId };
    const result = await takeCustomer(scope, { externalId: ZExternalId.parse(action.value), userId: body.user.id, takeOver: opts.takeOver, now: deps.now() });
    if (fromHome(body)) return void (await republishHome(deps, client, ctx.teamId, body.user.id));
    const { timeZone } = await getWorkspace(scope);
    await respond({ response_type: "ephemeral", replace_original: false, ...takeAnswer(ctx.t, { ...result, since: localDay(result.since, timeZone) }) });
  };
}

/** "Log outreach": opens the modal (today in the workspace's calendar by default); from Home, its submission refreshes Home. */
export function outreachLogAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const { timeZone } = await getWorkspace({ db: deps.db, teamId: ctx.teamId });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: logOutreachModal(ctx.t, ZExternalId.parse(action.value), localDay(deps.now(), timeZone), { fromHome: fromHome(body) }),
    });
  };
}
