import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ZThemeName } from "../../domain/work/theme-work.js";
import { requestContext } from "../../middleware/context.js";
import { getThemeWork } from "../../services/work/get-theme-work.js";
import { themeModal } from "../../views/work/theme-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * A theme's Update button (App Home or the `/insight themes` answer; its value is the theme's name): opens the theme
 * modal with the theme as stored now. Members only, like changing a voice; the modal remembers whether it was opened
 * from Home, so its submission republishes Home.
 */
export function themeOpenAction(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const theme = await getThemeWork({ db: deps.db, teamId: ctx.teamId }, ZThemeName.parse(action.value));
    await client.views.open({ trigger_id: body.trigger_id, view: themeModal(ctx.t, theme, { fromHome: body.view?.type === "home" }) });
  };
}
