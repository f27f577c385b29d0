import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { MAX_RESOLUTION_LENGTH, ZResolution, ZWorkLink } from "../../domain/work/insight-work.js";
import { ZThemeName } from "../../domain/work/theme-work.js";
import { isAppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { userMessageFor } from "../../middleware/errors.js";
import { republishHome } from "../../services/home/publish-home.js";
import { changeThemeWork } from "../../services/work/change-theme-work.js";
import { followUpWorkChange } from "../../services/work/follow-up-work-change.js";
import { THEME_FIELDS_IDS, WORK_FIELDS_IDS } from "../../slack-ids.js";
import { THEME_MODAL_STATUSES, themeSavedModal } from "../../views/work/theme-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null } | undefined> | undefined>;
const textOf = (values: Values, id: string) => (values[id]?.[id]?.value ?? "").trim();

const ZMeta = z.object({ theme: ZThemeName, fromHome: z.boolean() });

/**
 * The theme modal was submitted: bad fields come back as field errors in the user's language; the change is stored
 * before the ack (changeThemeWork: the theme's open voices follow, done queues the close-the-loop DMs), the modal then
 * shows what changed, and the thread lines, post updates and DMs follow after the ack; Home is republished when the
 * modal was opened from there. A resubmitted view (same id and hash) changes nothing twice.
 */
export function themeSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const values = view.state.values as Values;
    const status = z.enum(THEME_MODAL_STATUSES).safeParse(values[THEME_FIELDS_IDS.status]?.[THEME_FIELDS_IDS.status]?.selected_option?.value);
    const link = textOf(values, WORK_FIELDS_IDS.link);
    const resolution = textOf(values, WORK_FIELDS_IDS.resolution);
    const meta = ZMeta.safeParse(JSON.parse(view.private_metadata || "{}"));
    const errors: Record<string, string> = {};
    if (!status.success) errors[THEME_FIELDS_IDS.status] = ctx.t("work.theme.error.status");
    if (link && !ZWorkLink.safeParse(link).success) errors[WORK_FIELDS_IDS.link] = ctx.t("work.error.link");
    if (resolution && !ZResolution.safeParse(resolution).success) errors[WORK_FIELDS_IDS.resolution] = ctx.t("work.error.resolution", { max: MAX_RESOLUTION_LENGTH });
    if (!meta.success) errors[THEME_FIELDS_IDS.status] = ctx.t("work.theme.error.notFound");
    if (Object.keys(errors).length || !status.success || !meta.success) return void (await ack({ response_action: "errors", errors }));
    const { theme, fromHome } = meta.data;
    let result;
    try {
      await ctx.requireCustomerData();
      result = await changeThemeWork(
        { db: deps.db, teamId: ctx.teamId },
        {
          name: theme,
          change: { status: status.data, resolution: resolution || null, link: link || null },
          actorId: body.user.id,
          source: fromHome ? "app_home" : "button",
          // A resubmitted view (Slack's retry) has the same id and hash.
          changeKey: `view:${view.id}:${view.hash}`,
        },
      );
    } catch (e) {
      if (!isAppError(e)) throw e;
      return void (await ack({ response_action: "errors", errors: { [THEME_FIELDS_IDS.status]: userMessageFor(ctx.t, e) } }));
    }
    await ack({
      response_action: "update",
      view: themeSavedModal(ctx.t, { theme, status: result.theme.status, changed: result.changed, followed: result.insights.length }),
    });
    await followUpWorkChange(deps, client, ctx.teamId, { items: result.insights, actorId: body.user.id, theme });
    if (fromHome) await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}
