import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { readOption, type ViewStateValues } from "../../domain/capture/read-view-state.js";
import { validateInsightForm } from "../../domain/capture/validate-insight-form.js";
import { isAppError } from "../../errors/app-error.js";
import { CAPTURE_FIELDS, INSIGHT_FIELDS } from "../../slack-ids.js";
import { requestContext } from "../../middleware/context.js";
import { userMessageFor } from "../../middleware/errors.js";
import { customerDataRefusal } from "../../services/access/check-access.js";
import { addInsightEvidence } from "../../services/capture/add-insight-evidence.js";
import { announceInsightEvidence } from "../../services/capture/announce-insight-evidence.js";
import { findSimilarInsights } from "../../services/capture/find-similar-insights.js";
import { isCaptured } from "../../services/capture/is-captured.js";
import { listThemes } from "../../services/capture/list-themes.js";
import { logInsight } from "../../services/capture/log-insight.js";
import { publishInsight } from "../../services/capture/publish-insight.js";
import { resolveCustomer, type CustomerResolution } from "../../services/capture/resolve-customer.js";
import { escapeMrkdwn } from "../../views/blocks.js";
import { customerResolutionNote } from "../../views/capture/customer-resolution.js";
import { insightConfirmation } from "../../views/capture/insight-confirmation.js";
import { insightModal, type InsightModalMeta } from "../../views/capture/insight-modal.js";
import { fieldErrors } from "../../views/field-errors.js";
import type { ListenerDeps } from "../deps.js";
import { tellUser } from "./tell-user.js";
import { errorFields } from "../../log.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The insight modal was submitted. A customer typed "as written" is read against the imported customers the way a
 * quick /insight is. The first submission that resembles voices already logged updates the modal to ask "same as
 * this one?" (every input keeps its ids, so Slack keeps what was typed); the next one adds the words to the chosen
 * voice as supporting evidence, or stores a new voice. Everything is stored before the ack, so a database failure
 * keeps the modal open with the user's text in it; posting happens after the ack.
 */
export function insightSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const meta = JSON.parse(view.private_metadata || "{}") as InsightModalMeta;
    const values = view.state.values as ViewStateValues;
    const form = validateInsightForm(values, {
      authorId: body.user.id,
      messagePermalink: meta.messagePermalink,
      messageAuthorId: meta.messageAuthorId,
    });
    if (!form.ok) return void (await ack({ response_action: "errors", errors: fieldErrors(ctx.t, form.errors) }));
    const scope = { db: deps.db, teamId: ctx.teamId };
    const sourceKey = `view:${view.id}`;
    const typed = form.input.customerId ? null : form.input.customer;
    let resolution: CustomerResolution | null = null;
    try {
      // Slack's retry of a submission already stored: answered, and nothing asked or stored again.
      if (await isCaptured(scope, sourceKey)) return void (await ack());
      if (typed) {
        resolution = await resolveCustomer(scope, typed);
        if (resolution.status === "linked") form.input.customerId = String(resolution.customer.id);
      }
      const seesVoices = !customerDataRefusal(await ctx.access());
      if (meta.offered === undefined && seesVoices) {
        const similar = await findSimilarInsights(scope, form.input).catch((e: unknown) => {
          deps.log.warn({ teamId: ctx.teamId, err: errorFields(e) }, "similar voices search failed");
          return [];
        });
        if (similar.length) {
          const themes = await listThemes(scope);
          const next = insightModal(ctx.t, { themes, meta: { ...meta, offered: similar.map((s) => s.id) }, duplicates: similar });
          return void (await ack({ response_action: "update", view: next }));
        }
      }
      const sameAs = readOption(values, CAPTURE_FIELDS.duplicateOf);
      if (sameAs && sameAs !== "new" && meta.offered?.includes(sameAs)) {
        const added = await addInsightEvidence(scope, {
          insightId: sameAs,
          sourceKey,
          authorId: body.user.id,
          customer: form.input.customer,
          customerId: form.input.customerId,
          quote: form.input.quote,
        });
        await ack();
        if (!added.created) return;
        await announceInsightEvidence({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, added);
        const note = typed && resolution ? customerResolutionNote(ctx.t, typed, resolution) : null;
        const text = [ctx.t("capture.evidence.added", { customer: escapeMrkdwn(added.insight.customer) }), note].filter(Boolean).join("\n");
        await tellUser(client, { userId: body.user.id, channelId: meta.channelId, text });
        return;
      }
    } catch (e) {
      if (isAppError(e)) return void (await ack({ response_action: "errors", errors: { [INSIGHT_FIELDS.quote]: userMessageFor(ctx.t, e) } }));
      deps.log.error({ teamId: ctx.teamId, err: errorFields(e) }, "reading or storing a voice failed");
      return void (await ack({ response_action: "errors", errors: { [INSIGHT_FIELDS.quote]: ctx.t("error.saveFailedKeepInput") } }));
    }
    let saved;
    try {
      saved = await logInsight(scope, { sourceKey, input: form.input, now: deps.now() });
    } catch (e) {
      deps.log.error({ teamId: ctx.teamId, err: errorFields(e) }, "storing an insight failed");
      return void (await ack({ response_action: "errors", errors: { [INSIGHT_FIELDS.quote]: ctx.t("error.saveFailedKeepInput") } }));
    }
    await ack();
    if (!saved.created) return;
    const outcomes = await publishInsight({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, saved.insight);
    deps.alerts?.after(ctx.teamId, { kind: "voice", insightId: saved.insight.id });
    const note = typed && resolution ? customerResolutionNote(ctx.t, typed, resolution) : null;
    await tellUser(client, {
      userId: body.user.id,
      channelId: meta.channelId,
      text: [insightConfirmation(ctx.t, saved.insight.customer, outcomes), note].filter(Boolean).join("\n"),
    });
  };
}
