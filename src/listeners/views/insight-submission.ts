import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ViewStateValues } from "../../domain/capture/read-view-state.js";
import { validateInsightForm } from "../../domain/capture/validate-insight-form.js";
import { INSIGHT_FIELDS } from "../../slack-ids.js";
import { requestContext } from "../../middleware/context.js";
import { logInsight } from "../../services/capture/log-insight.js";
import { publishInsight } from "../../services/capture/publish-insight.js";
import { insightConfirmation } from "../../views/capture/insight-confirmation.js";
import type { InsightModalMeta } from "../../views/capture/insight-modal.js";
import { fieldErrors } from "../../views/field-errors.js";
import type { ListenerDeps } from "../deps.js";
import { tellUser } from "./tell-user.js";
import { errorFields } from "../../log.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The insight modal was submitted. The insight is stored before the ack, so a database failure keeps the
 * modal open with the user's text in it; routing to channels happens after the ack.
 */
export function insightSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const meta = JSON.parse(view.private_metadata || "{}") as InsightModalMeta;
    const form = validateInsightForm(view.state.values as ViewStateValues, {
      authorId: body.user.id,
      messagePermalink: meta.messagePermalink,
      messageAuthorId: meta.messageAuthorId,
    });
    if (!form.ok) return void (await ack({ response_action: "errors", errors: fieldErrors(ctx.t, form.errors) }));
    const scope = { db: deps.db, teamId: ctx.teamId };
    let saved;
    try {
      saved = await logInsight(scope, { sourceKey: `view:${view.id}`, input: form.input });
    } catch (e) {
      deps.log.error({ teamId: ctx.teamId, err: errorFields(e) }, "storing an insight failed");
      return void (await ack({ response_action: "errors", errors: { [INSIGHT_FIELDS.quote]: ctx.t("error.saveFailedKeepInput") } }));
    }
    await ack();
    if (!saved.created) return;
    const outcomes = await publishInsight({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, saved.insight);
    deps.alerts?.after(ctx.teamId, { kind: "voice", insightId: saved.insight.id });
    await tellUser(client, { userId: body.user.id, channelId: meta.channelId, text: insightConfirmation(ctx.t, saved.insight.customer, outcomes) });
  };
}
