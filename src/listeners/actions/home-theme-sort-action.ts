import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from "@slack/bolt";
import { z } from "zod";
import { requestContext } from "../../middleware/context.js";
import { republishHome } from "../../services/home/publish-home.js";
import { setThemeSort, THEME_SORTS } from "../../services/home/theme-sort.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

/** The "rank themes by" menu on Home: keeps the choice for the user and shows the themes ranked that way. */
export function homeThemeSortAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args) => {
    await ack();
    const { teamId } = requestContext(context);
    await setThemeSort({ db: deps.db, teamId }, body.user.id, z.enum(THEME_SORTS).parse(action.selected_option.value));
    await republishHome(deps, client, teamId, body.user.id);
  };
}
