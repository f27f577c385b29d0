import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { ZOutreachChannel } from "../../domain/outreach/outcome.js";
import { isAppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { userMessageFor } from "../../middleware/errors.js";
import { OUTREACH_FIELDS } from "../../slack-ids.js";
import { republishHome } from "../../services/home/publish-home.js";
import { logOutreach } from "../../services/outreach/log-outreach.js";
import { formatters } from "../../views/prediction/format.js";
import { outreachLoggedView } from "../../views/outreach/outreach-blocks.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

type Values = Record<string, Record<string, { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null } | undefined> | undefined>;
const fieldOf = (values: Values, id: string) => values[id]?.[id];

const ZMetadata = z.object({ customer: z.string().min(1).max(200), home: z.boolean().optional() });

/**
 * The log-outreach modal was submitted: the contact is stored before the ack (bad fields come back as field errors
 * in the user's language, the modal keeps their text), then the modal shows what will be measured. A resubmitted
 * view (Slack's retry) has the same id and stores nothing twice. Opened from App Home, Home is refreshed after the ack.
 */
export function outreachLogSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const values = view.state.values as Values;
    const channel = ZOutreachChannel.safeParse(fieldOf(values, OUTREACH_FIELDS.channel)?.selected_option?.value);
    const date = fieldOf(values, OUTREACH_FIELDS.date)?.selected_date ?? "";
    const note = fieldOf(values, OUTREACH_FIELDS.note)?.value ?? "";
    const metadata = ZMetadata.safeParse(JSON.parse(view.private_metadata || "{}"));
    if (!channel.success) return void (await ack({ response_action: "errors", errors: { [OUTREACH_FIELDS.channel]: ctx.t("outreach.error.channel") } }));
    if (!metadata.success) return void (await ack({ response_action: "errors", errors: { [OUTREACH_FIELDS.note]: ctx.t("error.internal") } }));
    let logged;
    try {
      await ctx.requireCustomerData();
      logged = await logOutreach(
        { db: deps.db, teamId: ctx.teamId },
        {
          externalId: metadata.data.customer,
          ownerId: body.user.id,
          contactDay: date,
          channel: channel.data,
          note,
          source: "slack",
          sourceKey: `view:${view.id}`,
          now: deps.now(),
        },
      );
    } catch (e) {
      if (!isAppError(e)) throw e;
      const field = e.messageKey === "outreach.error.date" ? OUTREACH_FIELDS.date : OUTREACH_FIELDS.note;
      return void (await ack({ response_action: "errors", errors: { [field]: userMessageFor(ctx.t, e) } }));
    }
    const o = logged.outreach;
    await ack({
      response_action: "update",
      view: outreachLoggedView(ctx.t, {
        externalId: metadata.data.customer,
        date,
        windowDays: o.windowDays ?? 0,
        pReturn: o.pReturn === null ? null : formatters(ctx.t).percent(o.pReturn),
      }),
    });
    if (metadata.data.home) await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}
