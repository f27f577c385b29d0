import type { AllMiddlewareArgs, BlockAction, CheckboxesAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { setFollowedTeams } from "../../services/home/followed-teams.js";
import type { ListenerDeps } from "../deps.js";
import { republishHome } from "../../services/home/publish-home.js";

type Args = SlackActionMiddlewareArgs<BlockAction<CheckboxesAction>> & AllMiddlewareArgs;

/** The "teams you follow" checkboxes on Home: saves the choice and shows their insights. */
export function homeFollowTeams(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args) => {
    await ack();
    const { teamId } = requestContext(context);
    await setFollowedTeams(
      { db: deps.db, teamId },
      body.user.id,
      action.selected_options.map((o) => o.value ?? ""),
    );
    await republishHome(deps, client, teamId, body.user.id);
  };
}
