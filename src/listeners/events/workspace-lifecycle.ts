import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { suspendWorkspace } from "../../services/workspace/suspend-workspace.js";
import type { ListenerDeps } from "../deps.js";

/**
 * The app left the workspace (app_uninstalled), or the workspace revoked its bot token (tokens_revoked with bot
 * tokens; user tokens alone change nothing, the bot uses none): stop its digests and revoke its API tokens at
 * once, and schedule the erase of its data after ERASE_GRACE_DAYS. Slack retries are harmless (idempotent).
 */
export function workspaceLeft(deps: ListenerDeps, event: "app_uninstalled" | "tokens_revoked") {
  return async ({ context, body }: AllMiddlewareArgs & { body: unknown }) => {
    if (event === "tokens_revoked") {
      const tokens = (body as SlackEventMiddlewareArgs<"tokens_revoked">["body"]).event.tokens;
      if (!tokens.bot?.length) return;
    }
    const { teamId } = requestContext(context);
    if (!teamId) return;
    const { eraseAfter, tokensRevoked } = await suspendWorkspace({ db: deps.db, teamId }, { now: deps.now(), graceDays: deps.config.ERASE_GRACE_DAYS });
    deps.log.info({ teamId, event, tokensRevoked, eraseAfter: eraseAfter.toISOString() }, "app removed from workspace: scheduled work stopped, API tokens revoked");
  };
}
