import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { MAX_RESOLUTION_LENGTH, ZResolution, ZWorkLink } from "../../domain/work/insight-work.js";
import { isAppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { userMessageFor } from "../../middleware/errors.js";
import { WORK_FIELDS_IDS } from "../../slack-ids.js";
import { followUpWorkChange } from "../../services/work/follow-up-work-change.js";
import { changeInsightWork } from "../../services/work/change-insight-work.js";
import { republishHome } from "../../services/home/publish-home.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

type Values = Record<string, Record<string, { value?: string | null } | undefined> | undefined>;
const textOf = (values: Values, id: string) => (values[id]?.[id]?.value ?? "").trim();

/**
 * The link-and-resolution modal was submitted: bad fields come back as field errors in the user's language;
 * the change is stored before the ack (a failure keeps the modal open with the user's text), announced after, and
 * the user's Home republished when the modal was opened from there (history source `app_home`).
 */
export function insightLinkSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const values = view.state.values as Values;
    const link = textOf(values, WORK_FIELDS_IDS.link);
    const resolution = textOf(values, WORK_FIELDS_IDS.resolution);
    const errors: Record<string, string> = {};
    if (link && !ZWorkLink.safeParse(link).success) errors[WORK_FIELDS_IDS.link] = ctx.t("work.error.link");
    if (resolution && !ZResolution.safeParse(resolution).success) errors[WORK_FIELDS_IDS.resolution] = ctx.t("work.error.resolution", { max: MAX_RESOLUTION_LENGTH });
    const meta = JSON.parse(view.private_metadata || "{}") as { insightId?: unknown; fromHome?: unknown };
    const insightId = z.string().uuid().safeParse(meta.insightId);
    const fromHome = meta.fromHome === true;
    if (Object.keys(errors).length || !insightId.success) {
      if (!insightId.success) errors[WORK_FIELDS_IDS.link] = ctx.t("work.error.notFound");
      return void (await ack({ response_action: "errors", errors }));
    }
    const scope = { db: deps.db, teamId: ctx.teamId };
    let result;
    try {
      await ctx.requireCustomerData();
      result = await changeInsightWork(scope, {
        insightId: insightId.data,
        change: { link: link || null, resolution: resolution || null },
        actorId: body.user.id,
        source: fromHome ? "app_home" : "button",
        // A resubmitted view (Slack's retry) has the same id and hash.
        changeKey: `view:${view.id}:${view.hash}`,
      });
    } catch (e) {
      if (!isAppError(e)) throw e;
      return void (await ack({ response_action: "errors", errors: { [WORK_FIELDS_IDS.link]: userMessageFor(ctx.t, e) } }));
    }
    await ack();
    await followUpWorkChange(deps, client, ctx.teamId, { items: [result], actorId: body.user.id });
    if (fromHome) await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}
